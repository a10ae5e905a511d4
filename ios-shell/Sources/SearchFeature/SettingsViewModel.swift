import Foundation
import os
import QueryableSchema

/// State of the settings screen: core's policies and the values chosen for them.
@MainActor
public final class SettingsViewModel: ObservableObject {
    @Published public private(set) var policies: [Queryable_V1_PolicyInfo] = []
    @Published public private(set) var errorMessage: String?
    @Published public var selection: PolicySelection {
        didSet { settings.save(selection) }
    }

    private let service: any SearchServing
    private let settings: PolicySettingsStore
    private let logger = Logger(subsystem: "app.queryable", category: "settings-screen")

    public init(service: any SearchServing, settings: PolicySettingsStore) {
        self.service = service
        self.settings = settings
        selection = settings.load()
    }

    /// The policy in use: the chosen one, else core's default.
    public var activePolicy: Queryable_V1_PolicyInfo? {
        policies.first { $0.name == selection.name } ?? policies.first { $0.isDefault }
    }

    /// Loads the policies from core.
    public func load() async {
        do {
            policies = try await service.policies()
            errorMessage = nil
        } catch {
            logger.error("Ranking policies could not be listed: \(error.localizedDescription, privacy: .public)")
            errorMessage = error.localizedDescription
        }
    }

    /// Switches to policy `name`, dropping values set for the previous one.
    public func choosePolicy(_ name: String) {
        selection = PolicySelection(name: name, parameters: [:])
    }

    /// Returns the value of `parameter`: the chosen one, else core's default.
    public func value(of parameter: Queryable_V1_PolicyParameter) -> Double {
        selection.parameters[parameter.name] ?? parameter.defaultValue
    }

    public func setValue(_ value: Double, of parameter: Queryable_V1_PolicyParameter) {
        selection.parameters[parameter.name] = parameter.integer ? value.rounded() : value
    }

    /// Forgets the chosen values, so core's defaults apply.
    public func resetParameters() {
        selection.parameters = [:]
    }
}
