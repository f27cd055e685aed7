import HTTPTypes
import Hummingbird
import LedgerStore
import ServiceLifecycle

/// `GET /api/events?fromPosition=N`: the server's `follow`, as server-sent events.
///
/// Each event is one message whose `id` is its position and whose `data` is its export
/// line, so a client that reconnects with `Last-Event-ID` resumes after the last event
/// it received, once each. The stream ends when the server shuts down.
struct EventRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/api/events") { [ledger] request, context in
            try context.requireMember()
            let query = Query(request, ledger: ledger)
            let resume = try request.headers[.lastEventID].map { text in
                guard let position = Int64(text.trimmingCharacters(in: .whitespaces)), position >= 0 else {
                    throw ServerError(.badRequest, "Last-Event-ID is the position of the last event received")
                }
                return position + 1
            }
            let asked: Int64? = try resume ?? query.integer("fromPosition", in: 1...Int64.max)
            let from: Int64
            if let asked { from = asked } else { from = try await ledger.digest().position + 1 }
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream"
            headers[.cacheControl] = "no-store"
            let body = ResponseBody { writer in
                for try await batch in ledger.follow(from: from).cancelOnGracefulShutdown() {
                    var text = ""
                    for entry in batch { text += "id: \(entry.position)\nevent: \(entry.type)\ndata: \(ExportLine.text(entry))\n\n" }
                    try await writer.write(ByteBuffer(string: text))
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}
