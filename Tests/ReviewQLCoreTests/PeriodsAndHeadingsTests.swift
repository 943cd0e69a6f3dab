import Testing
@testable import ReviewQLCore

/// Issue 14, parts 5 and 10: `year_month` and `year_quarter` keep years apart (and `month()`
/// or `quarter()` over more than a year gets a note), and a result's headings are distinct.
@Suite struct PeriodsAndHeadingsTests {
    // MARK: year_month and year_quarter

    @Test(arguments: [("2008-04-14", "2008-04", "2008 Q2"), ("2009-01-01", "2009-01", "2009 Q1"),
                      ("2008-12-31", "2008-12", "2008 Q4"), ("0999-07-01", "0999-07", "0999 Q3")])
    func periodsWithTheirYear(_ date: String, _ month: String, _ quarter: String) throws {
        guard case .date(let day) = CivilDate.parse(Substring(date)) else { Issue.record("not a date: \(date)"); return }
        #expect(Functions.apply(.yearMonth, .date(day)) == .text(month))
        #expect(Functions.apply(.yearQuarter, .date(day)) == .text(quarter))
        #expect(Functions.apply(.yearMonth, .missing) == .missing)
    }

    /// A session with one table of letter dates.
    static func datesSession(_ dates: [String]) -> Session {
        let session = Session()
        let days: [Value] = dates.map { text -> Value in
            if case .date(let day) = CivilDate.parse(Substring(text)) { return .date(day) }
            return .missing
        }
        session.add(Dataset(table: Table(name: "letters", columns: [Column(name: "sent", values: days)]), path: "letters.csv"))
        return session
    }

    @Test(arguments: [
        (["2008-04-01", "2009-03-31"], "month", false),  // twelve months: no month twice
        (["2008-04-30", "2009-04-01"], "month", true),
        (["2008-04-01", "2009-03-31"], "quarter", false),  // Q2 2008 to Q1 2009: four quarters
        (["2008-06-30", "2009-04-01"], "quarter", true),
        (["2008-01-01", "2008-12-31"], "month", false),
    ])
    func noteOnlyWhenAMonthOrQuarterOccursInTwoYears(_ dates: [String], _ function: String, _ noted: Bool) throws {
        let result = try Self.datesSession(dates).result("count letters group by \(function)(sent)")
        let merged = result.notes.contains { if case .yearsMerged = $0 { true } else { false } }
        #expect(merged == noted, "\(dates)")
    }

    @Test func theNoteIsWordedOnce() {
        let note = ResultNote.yearsMerged(function: .quarter, column: "sent", first: CalendarMonth(year: 2008, month: 4),
                                          last: CalendarMonth(year: 2009, month: 5))
        #expect(note.text == "quarter() puts the same quarter of different years together: the dates run from April 2008 "
            + "to May 2009; year_quarter(sent) keeps them apart")
    }

    // MARK: Distinct headings

    @Test(arguments: [
        (["a", "b", "a"], [String](), ["a", "b", "a_2"]),
        (["a", "a", "a_2"], [], ["a", "a_3", "a_2"]),
        (["a", "a_2", "a"], [], ["a", "a_2", "a_3"]),
        (["A", "a"], [], ["A", "a_2"]),
        (["percent", "count"], ["percent"], ["percent_2", "count"]),
        (["x", "y"], [], ["x", "y"]),
    ])
    func repeatedHeadingsAreNumbered(_ labels: [String], _ reserved: [String], _ expected: [String]) {
        #expect(ResultLabels.unique(labels, reserved: reserved) == expected)
    }

    @Test func joiningADatasetAgainKeepsHeadingsDistinct() throws {
        let result = try Bundled.session().result("list reviews join authorities join authorities join authorities limit 1")
        let names = result.table.columns.map { $0.name.lowercased() }
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names.suffix(6) == ["authorities_name_2", "authorities_region_2", "authorities_type_2", "authorities_alias_2",
                                    "authorities_la_code_2", "authorities_gss_code_2"])
    }

    @Test func aCSVOfRepeatedColumnsLoadsBack() throws {
        let session = Bundled.session()
        let result = try session.result("list authority, judgement, authority from reviews")
        #expect(result.table.columns.map(\.name) == ["authority", "judgement", "authority_2"])
        let csv = try ResultWriter.render(result, as: .csv)
        #expect(csv.hasPrefix("authority,judgement,authority_2\n"))
    }
}
