import PackJSON
public import PackState

extension ServerServices {
    /// Tokens, success rates and recent invocations from a state database.
    ///
    /// The statistics routes flush the store's queue first, so a call made just before is counted.
    public init(store: StateStore) {
        self.init(
            verifyToken: { token in ((try? await store.verify(token: token)) ?? nil) != nil },
            stats: {
                await store.flush()
                let rates = try await store.successRates()
                return [
                    "threshold": .number(JSONNumber(store.configuration.successThreshold)),
                    "rates": .array(rates.map(\.jsonValue)),
                ]
            },
            recentInvocations: { limit in
                await store.flush()
                return ["invocations": .array(try await store.recentInvocations(limit: limit).map(\.jsonValue))]
            })
    }
}
