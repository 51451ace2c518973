import Foundation

/// Files bundled with the app (templates, stylesheet, demo data, the OpenAPI document).
/// Paths are taken from the bundle's folder itself: Foundation treats a folder named
/// `Resources` inside a bundle as its resource folder, which would add a second `Resources`.
enum AppResources {
    static func url(_ relativePath: String) -> URL {
        Bundle.module.bundleURL.appendingPathComponent(relativePath)
    }
}
