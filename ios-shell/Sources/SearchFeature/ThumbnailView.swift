import SwiftUI

/// One cell of the result grid.
struct ThumbnailView: View {
    let hit: SearchHit
    let loader: ThumbnailLoader
    let side: CGFloat
    @Environment(\.displayScale) private var displayScale
    @State private var image: UIImage?

    var body: some View {
        ZStack {
            Rectangle().fill(Color.secondary.opacity(0.15))
            if let image {
                Image(uiImage: image)
                    .resizable()
                    .scaledToFill()
            }
        }
        .frame(width: side, height: side)
        .clipped()
        .accessibilityLabel(Text("Photo, similarity \(hit.score, specifier: "%.2f")"))
        .task(id: hit.id) {
            image = await loader.thumbnail(for: hit.id, side: side, scale: displayScale)
        }
    }
}
