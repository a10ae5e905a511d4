import QueryableSchema
import SwiftUI

/// Ranking settings, rendered from core's ListPolicies response, so a policy
/// added to core's bundle appears here without a change to the app.
public struct SettingsView: View {
    @ObservedObject var model: SettingsViewModel

    public init(model: SettingsViewModel) {
        self.model = model
    }

    public var body: some View {
        Form {
            if let message = model.errorMessage {
                Section {
                    Text(message).foregroundStyle(.red)
                }
            }

            Section("Ranking") {
                Picker("Policy", selection: policyName) {
                    ForEach(model.policies, id: \.name) { policy in
                        Text(policy.isDefault ? "\(policy.name) (default)" : policy.name).tag(policy.name)
                    }
                }
                if let policy = model.activePolicy, !policy.description_p.isEmpty {
                    Text(policy.description_p)
                        .font(.footnote)
                        .foregroundStyle(.secondary)
                }
            }

            if let policy = model.activePolicy, !policy.parameters.isEmpty {
                Section("Parameters") {
                    ForEach(policy.parameters, id: \.name) { parameter in
                        PolicyParameterRow(parameter: parameter, value: binding(for: parameter))
                    }
                    Button("Reset to defaults") { model.resetParameters() }
                }
            }
        }
        .navigationTitle("Settings")
        .task { await model.load() }
    }

    private var policyName: Binding<String> {
        Binding(
            get: { model.activePolicy?.name ?? "" },
            set: { model.choosePolicy($0) }
        )
    }

    private func binding(for parameter: Queryable_V1_PolicyParameter) -> Binding<Double> {
        Binding(
            get: { model.value(of: parameter) },
            set: { model.setValue($0, of: parameter) }
        )
    }
}
