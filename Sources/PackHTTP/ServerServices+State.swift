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
                    "rates": .array(rates.map { rate in
                        guard case .object(var object) = rate.jsonValue else { return rate.jsonValue }
                        object["lower"] = .number(JSONNumber(rate.interval.lower))
                        object["upper"] = .number(JSONNumber(rate.interval.upper))
                        return .object(object)
                    }),
                ]
            },
            recentInvocations: { limit in
                await store.flush()
                return ["invocations": .array(try await store.recentInvocations(limit: limit).map(\.jsonValue))]
            })
    }
}
