import Foundation
import os

/// Keeps the chosen ranking policy in UserDefaults as JSON.
public struct PolicySettingsStore: @unchecked Sendable {
    // UserDefaults is safe to use from several threads.
    private let defaults: UserDefaults
    private let key: String
    private let logger = Logger(subsystem: "app.queryable", category: "settings")

    public init(defaults: UserDefaults = .standard, key: String = "rankingPolicy") {
        self.defaults = defaults
        self.key = key
    }

    /// Returns the stored selection, or the default policy when none is stored or it cannot be read.
    public func load() -> PolicySelection {
        guard let data = defaults.data(forKey: key) else { return PolicySelection() }
        do {
            return try JSONDecoder().decode(PolicySelection.self, from: data)
        } catch {
            logger.error("Stored ranking policy could not be read, using the default: \(error.localizedDescription, privacy: .public)")
            return PolicySelection()
        }
    }

    public func save(_ selection: PolicySelection) {
        do {
            defaults.set(try JSONEncoder().encode(selection), forKey: key)
        } catch {
            logger.error("Ranking policy could not be saved: \(error.localizedDescription, privacy: .public)")
        }
    }
}
