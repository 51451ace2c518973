import Foundation
import NIOCore
import Testing

@testable import App

/// The arithmetic behind 政策兑现统计: aggregated rows count their cases, groups sort by amount.
@Suite struct PayoutTotalsTests {
    static func payout(item: Int64, enterprise: Int64?, amount: Double, cases: Int = 1, on day: String) -> PayoutRow {
        PayoutRow(
            id: 0, zoneId: 1, itemId: item, enterpriseId: enterprise, applicationId: nil, amount: amount, cases: cases,
            paidOn: day, voucherNo: "V", note: nil, recordedBy: nil, recordedAt: 0)
    }

    @Test func aggregatedRowsCountTheirCasesAndGroupsAddUp() {
        let payouts = [
            Self.payout(item: 1, enterprise: nil, amount: 2600.1, cases: 1780, on: "2025-12-01"),
            Self.payout(item: 1, enterprise: 7, amount: 20.2, on: "2026-03-01"),
            Self.payout(item: 2, enterprise: 7, amount: 12.1, cases: 9, on: "2026-04-01"),
        ]
        let totals = PayoutTotals(
            payouts: payouts, policyOf: { $0 == 1 ? "甲政策" : "乙政策" }, departmentOf: { _ in "财政局" },
            enterpriseName: { $0.map { "企业\($0)" } ?? "（汇总登记，未分企业）" })
        #expect(totals.sentence == "兑现 1790 件、金额 2632.4 万元")
        #expect(totals.byPolicy.map(\.key) == ["甲政策", "乙政策"])
        #expect(totals.byPolicy.first?.count == 1781)
        #expect(totals.byDepartment.count == 1 && totals.byDepartment[0].count == 1790)
        #expect(totals.byYear.map(\.key) == ["2026", "2025"])
        #expect(totals.byEnterprise.first { $0.key == "企业7" }?.count == 10)
    }

    @Test func amountsShowAtMostTwoDecimals() {
        #expect(Wan.text(2632.4) == "2632.4")
        #expect(Wan.text(2632.399999999) == "2632.4")
        #expect(Wan.text(20) == "20")
    }

    @Test func multipartKeepsFileNamesAndTypes() throws {
        let boundary = "XYZ"
        let body =
            "--XYZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n说明\r\n"
            + "--XYZ\r\nContent-Disposition: form-data; name=\"m0\"; filename=\"C:\\\\Users\\\\a\\\\申请表.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n"
            + "--XYZ\r\nContent-Disposition: form-data; name=\"m1\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
            + "--XYZ--\r\n"
        let form = try MultipartForm.parse(ByteBuffer(string: body), boundary: boundary)
        #expect(form["note"] == "说明")
        #expect(form.files["m0"]?.fileName == "申请表.pdf")
        #expect(form.files["m0"]?.contentType == "application/pdf")
        #expect(form.files["m0"].map { String(decoding: $0.data, as: UTF8.self) } == "%PDF")
        #expect(form.files["m1"] == nil, "an empty file input is no file")
    }
}
