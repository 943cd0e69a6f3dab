/// `list ... order by ... limit 3 per region`: in a list, `per` names a column (or a function
/// of one) whose rows the limit holds within, rather than a group column.
extension Binder {
    /// Whether `query` is a list cut by `limit N per` (and nothing else worked out per group).
    func isListCutPerGroup(_ query: Query, isAggregate: Bool) -> Bool {
        !isAggregate && query.within.isEmpty && query.limitPerGroup && query.per != nil
    }

    /// The value a list's `limit N per` works within, or nil for any other query.
    func rowsPartition(_ query: Query, isAggregate: Bool) throws(BindingError) -> BoundOutput? {
        guard isListCutPerGroup(query, isAggregate: isAggregate), let per = query.per else { return nil }
        // The rows of a distinct list are made by removing repeats; which repeat is kept, and
        // so which group it counts in, would be a choice the user did not make.
        if case .list(_, true) = query.verb {
            throw BindingError(.perInDistinctList(per: label(of: per)), at: per.range)
        }
        let (expression, type, scale) = try scalar(per, role: "per")
        return BoundOutput(expression: expression, label: label(of: per), type: type, scale: scale)
    }
}
