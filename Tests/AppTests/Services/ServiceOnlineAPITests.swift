import Foundation
import GaoxinCore
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import App

/// 一网办理 through the API: the applicant applies with Base64 files, reads the 一次性告知 back,
/// hands in what it listed, and rates once; files are checked by content and only the applicant acts.
@Suite struct ServiceOnlineAPITests {
    static func file(_ material: Int64, _ data: Data = ServiceFixtures.pdf, name: String = "材料.pdf") -> String {
        #"{"materialId": \#(material), "fileName": "\#(name)", "contentBase64": "\#(data.base64EncodedString())"}"#
    }

    /// Ours alone: tests share the database and other tests apply for the same 一件事 as the same resident.
    static let applicant = "API申请人\(UInt32.random(in: 1000...999_999))"

    static func body(_ bundle: Int64, files: [String], channel: String = "online") -> String {
        #"{"bundleId": \#(bundle), "channel": "\#(channel)", "applicantName": "\#(applicant)", "applicantPhone": "13907310001", "files": [\#(files.joined(separator: ","))]}"#
    }

    @Test func anApplicantAppliesOnlineIsToldOnceHandsInTheRestAndRates() async throws {
        try await withApp { client, services in
            let birth = try await ServiceFixtures.bundle("出生一件事", services)
            let materials = try await ServiceFixtures.materials(birth, services)
            let form = try #require(materials.first { $0.name.contains("申请表") })
            let certificate = try #require(materials.first { $0.name.contains("出生医学证明") })
            let resident = try await APITests.token("resident@xiangtan", services)
            let window = try await APITests.token("service@xiangtan", services)
            let enterprise = try await APITests.token("enterprise@xiangtan", services)
            let me = try await ServiceFixtures.userID("resident@xiangtan", services)
            let path = "/api/v1/services/online-applications"

            // Every missing material named at once; a text file under a PDF name and bad Base64 refused.
            let missing = try await ApplicationFixtures.post(
                client, path, token: resident, json: Self.body(birth.id, files: []))
            #expect(
                missing.status == .badRequest && missing.text.contains(form.name)
                    && missing.text.contains(certificate.name))
            let fake = try await ApplicationFixtures.post(
                client, path, token: resident,
                json: Self.body(
                    birth.id, files: [Self.file(form.id, Data("just text".utf8)), Self.file(certificate.id)]))
            #expect(fake.status == .badRequest && fake.text.contains("文件内容不是允许的类型"))
            let garbled = try await ApplicationFixtures.post(
                client, path, token: resident,
                json: Self.body(
                    birth.id,
                    files: [#"{"materialId": \#(form.id), "fileName": "a.pdf", "contentBase64": "!!!!"}"#]))
            #expect(garbled.status == .badRequest && garbled.text.contains("contentBase64"))
            let window1 = try await ApplicationFixtures.post(
                client, path, token: resident,
                json: Self.body(birth.id, files: [Self.file(form.id), Self.file(certificate.id)], channel: "window"))
            #expect(window1.status == .badRequest)
            #expect(
                try await ServiceFixtures.applications(birth, userID: me, services).filter {
                    $0.details.applicantName == Self.applicant
                }.isEmpty)
            // Staff enter applications at the window, not online.
            #expect(
                try await ApplicationFixtures.post(
                    client, path, token: window, json: Self.body(birth.id, files: [Self.file(form.id)])
                ).status == .forbidden)

            let made = try await ApplicationFixtures.post(
                client, path, token: resident,
                json: Self.body(birth.id, files: [Self.file(form.id), Self.file(certificate.id)]))
            #expect(made.status == .created)
            let id = try #require(try APITests.json(made)["id"] as? Int)
            let one = "/api/v1/services/applications/\(id)"
            #expect(try await APITests.get(client, one, token: enterprise).status == .notFound)

            // The window's one notice; the applicant reads it back and hands in exactly what it listed.
            let notified = try await ApplicationFixtures.post(
                client, "\(one)/steps", token: window,
                json: #"{"action": "notify", "materialIds": [\#(form.id), \#(certificate.id)], "note": "申请表未签字"}"#)
            #expect(notified.status == .ok)
            let read = try APITests.json(try await APITests.get(client, one, token: resident))
            #expect(read["state"] as? String == "correcting")
            #expect(Set((read["noticeMaterialIds"] as? [Int]) ?? []) == [Int(form.id), Int(certificate.id)])
            let files = "\(one)/files"
            #expect(
                try await ApplicationFixtures.post(
                    client, files, token: window, json: #"{"files": [\#(Self.file(form.id))]}"#
                ).status == .forbidden)
            let half = try await ApplicationFixtures.post(
                client, files, token: resident, json: #"{"files": [\#(Self.file(form.id))]}"#)
            #expect(half.status == .badRequest && half.text.contains(certificate.name))
            let none = try await ApplicationFixtures.post(client, files, token: resident, json: #"{"files": []}"#)
            #expect(none.status == .badRequest)
            let full = try await ApplicationFixtures.post(
                client, files, token: resident,
                json: #"{"files": [\#(Self.file(form.id)), \#(Self.file(certificate.id, name: "证.pdf"))]}"#)
            #expect(full.status == .ok)
            #expect(try APITests.json(full)["state"] as? String != "correcting")
            #expect(
                try await ApplicationFixtures.post(
                    client, files, token: resident, json: #"{"files": [\#(Self.file(form.id))]}"#
                ).status == .conflict)

            // Finished, it is rated once, by the applicant only.
            _ = try await ApplicationFixtures.post(
                client, "\(one)/steps", token: window, json: #"{"action": "accept"}"#)
            let finished = try await ApplicationFixtures.post(
                client, "\(one)/steps", token: window,
                json: #"{"action": "finish", "resultNo": "CS-API-1", "delivery": "pickup"}"#)
            #expect(finished.status == .ok)
            let rating = "\(one)/rating"
            #expect(
                try await ApplicationFixtures.post(client, rating, token: window, json: #"{"level": "satisfied"}"#)
                    .status
                    == .forbidden)
            #expect(
                try await ApplicationFixtures.post(
                    client, rating, token: resident, json: #"{"level": "very_satisfied"}"#
                )
                .status == .ok)
            let second = try await ApplicationFixtures.post(
                client, rating, token: resident, json: #"{"level": "satisfied"}"#)
            #expect(second.status == .badRequest || second.status == .conflict)
        }
    }
}
