import Foundation
import GaoxinCore

/// Reads a file from Tests/GaoxinCoreTests/Fixtures (copied into the test bundle).
enum FixtureFile {
    static func json(_ name: String) throws -> JSONValue {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONParser.parse([UInt8](try Data(contentsOf: url)))
    }
}
