import Encoders
import Foundation
import Indexer
import IndexStore
import os
import PhotoLibrary
import QueryableCoreHost
import SearchFeature

/// The app's object graph, built once from the bundled resources.
@MainActor
final class AppEnvironment {
    let session: CoreSession
    let library: PhotoKitLibrary
    let indexer: Indexer
    let backgroundIndexing: BackgroundIndexingScheduler
    let searchModel: SearchViewModel
    let settingsModel: SettingsViewModel
    let thumbnails = ThumbnailLoader()
    private var changeObservation: (any LibraryChangeObservation)?
    private let logger = Logger(subsystem: "app.queryable", category: "app")

    /// Failures of finding the bundled resources.
    enum LaunchError: Error, LocalizedError {
        /// A file that README.md lists for the app target is missing.
        case missingResource(String)

        var errorDescription: String? {
            switch self {
            case let .missingResource(name):
                return "\(name) is missing from the app bundle; add it to the app target as README.md describes."
            }
        }
    }

    private init(
        session: CoreSession,
        library: PhotoKitLibrary,
        indexer: Indexer,
        searchModel: SearchViewModel,
        settingsModel: SettingsViewModel
    ) {
        self.session = session
        self.library = library
        self.indexer = indexer
        self.backgroundIndexing = BackgroundIndexingScheduler(indexer: indexer)
        self.searchModel = searchModel
        self.settingsModel = settingsModel
    }

    static func make() throws -> AppEnvironment {
        let host = try JavaScriptCoreHost(bundleURL: try resource("queryable-core", "js"))
        let store = try FileIndexStore.applicationSupport(modelID: ClipModel.modelID)
        let session = CoreSession(host: host, store: store)
        let library = PhotoKitLibrary()
        let imageEncoder = try CoreMLImageEncoder(modelURL: try resource("ClipImageEncoder", "mlmodelc"))
        let textEncoder = try CoreMLTextEncoder(modelURL: try resource("ClipTextEncoder", "mlmodelc"))

        let service = CoreSearchService(session: session, textEncoder: textEncoder)
        let settings = PolicySettingsStore()
        let searchModel = SearchViewModel(service: service, settings: settings)
        let settingsModel = SettingsViewModel(service: service, settings: settings)

        let indexer = Indexer(session: session, library: library, encoder: imageEncoder) { progress in
            Task { @MainActor in searchModel.show(progress) }
        }
        return AppEnvironment(session: session, library: library, indexer: indexer, searchModel: searchModel, settingsModel: settingsModel)
    }

    /// Opens the index, loads the tokenizer vocabulary, requests photo access and runs a first sync.
    func start() async {
        do {
            _ = try await session.openIndex(modelID: ClipModel.modelID, dimension: ClipModel.dimension)
            let vocabulary = try Data(contentsOf: try Self.resource("vocab", "json"))
            let merges = try Data(contentsOf: try Self.resource("merges", "txt"))
            _ = try await session.loadVocabulary(vocabularyJSON: vocabulary, merges: merges)
        } catch {
            logger.fault("Index or vocabulary could not be loaded: \(error.localizedDescription, privacy: .public)")
            return
        }

        guard await library.requestAuthorization().allowsReading else {
            logger.notice("Photo access was not granted; nothing to index")
            return
        }
        changeObservation = library.observeChanges { [weak self] in
            Task { @MainActor in await self?.runSync() }
        }
        backgroundIndexing.schedule()
        await runSync()
    }

    func runSync() async {
        do {
            _ = try await indexer.run()
        } catch IndexerError.alreadyRunning {
            logger.info("A library change arrived during a sync; the next sync picks it up")
        } catch {
            logger.error("Sync failed: \(error.localizedDescription, privacy: .public)")
        }
        await searchModel.refreshStatus()
    }

    private static func resource(_ name: String, _ fileExtension: String) throws -> URL {
        guard let url = Bundle.main.url(forResource: name, withExtension: fileExtension) else {
            throw LaunchError.missingResource("\(name).\(fileExtension)")
        }
        return url
    }
}
