import QueryableSchema
import SwiftUI

/// A control for one ranking parameter, built only from what core reports:
/// a stepper for integers, a slider for a finite range, a number field otherwise.
struct PolicyParameterRow: View {
    let parameter: Queryable_V1_PolicyParameter
    @Binding var value: Double

    private var hasFiniteRange: Bool {
        parameter.min.isFinite && parameter.max.isFinite && parameter.max > parameter.min
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            HStack {
                Text(parameter.name)
                Spacer()
                Text(value, format: .number.precision(.significantDigits(1...4)))
                    .monospacedDigit()
                    .foregroundStyle(.secondary)
            }
            control
            if !parameter.description_p.isEmpty {
                Text(parameter.description_p)
                    .font(.caption)
                    .foregroundStyle(.secondary)
            }
        }
    }

    @ViewBuilder private var control: some View {
        if parameter.integer && hasFiniteRange {
            Stepper("Value", value: $value, in: parameter.min...parameter.max, step: 1)
                .labelsHidden()
        } else if hasFiniteRange {
            Slider(value: $value, in: parameter.min...parameter.max)
        } else {
            // NOTE: an unbounded parameter gets a plain number field; core still rejects out-of-range values with INVALID_PARAMETER.
            TextField("Value", value: $value, format: .number)
                .keyboardType(.decimalPad)
        }
    }
}
