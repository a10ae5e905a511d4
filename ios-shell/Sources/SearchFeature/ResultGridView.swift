import SwiftUI

/// The hits as a grid of square thumbnails, best first.
struct ResultGridView: View {
    let hits: [SearchHit]
    let loader: ThumbnailLoader
    @Environment(\.displayScale) private var displayScale

    private let columns = 3
    private let spacing: CGFloat = 2

    var body: some View {
        GeometryReader { geometry in
            let side = (geometry.size.width - spacing * CGFloat(columns - 1)) / CGFloat(columns)
            ScrollView {
                LazyVGrid(
                    columns: Array(repeating: GridItem(.fixed(side), spacing: spacing), count: columns),
                    spacing: spacing
                ) {
                    ForEach(hits) { hit in
                        ThumbnailView(hit: hit, loader: loader, side: side)
                    }
                }
            }
            .onChange(of: hits) { newHits in
                loader.cache(newHits.map(\.id), side: side, scale: displayScale)
            }
        }
    }
}
