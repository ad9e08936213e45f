import Testing
@testable import Preview

/// The live-reload streams: each ends with its tab or with the hub, and takes nothing with it.
@Suite struct ReloadHubTests {
    @Test func aStreamGoneIsNoLongerAListener() async {
        let hub = ReloadHub()
        var stream: AsyncStream<[UInt8]>? = hub.subscribe()
        let other = hub.subscribe()
        #expect(hub.listeners == 2)
        #expect(stream != nil)
        stream = nil  // the tab went away: the stream is cancelled, its handler removes it
        #expect(hub.listeners == 1)
        #expect(hub.send("reload") == 1)
        withExtendedLifetime(other) {}
    }

    @Test func finishEndsEveryStream() async {
        let hub = ReloadHub()
        let stream = hub.subscribe()
        hub.send("reload", data: "1")
        hub.finish()
        var received = ""
        for await chunk in stream { received += String(decoding: chunk, as: UTF8.self) }
        #expect(received == "retry: 1000\n: bantin\n\nevent: reload\ndata: 1\n\n")
        #expect(hub.listeners == 0)
    }

    @Test func aHubGoneEndsItsStreams() async {
        var hub: ReloadHub? = ReloadHub()
        let stream = hub!.subscribe()
        hub = nil
        var chunks = 0
        for await _ in stream { chunks += 1 }  // ends: the hub finished it as it went
        #expect(chunks == 1)
    }
}
