import Foundation
import Testing
@testable import ReviewQLCore

/// The council record's data (#23) against the public files it was made from, read here by
/// Python's `csv` module and compared with what ReviewQL's own reader loads from `Data/`:
/// `inspections` cell for cell with the scrape's file, the codes of `authorities` and
/// `councils` with the DfE's Get Information about Schools list, and every code and date of
/// `reorganisations` with that list and the Explore Education Statistics list of authorities.
@Suite(.enabled(if: ExternalTools.hasPython, "needs python3"))
struct CouncilDataTests {
    static let sources = Bundled.dataFolder + "/sources"

    /// Runs a Python script (given the sources folder as its argument) that prints JSON.
    static func python(_ script: String) throws -> Any {
        let run = try ExternalTools.run("python3", ["-c", script, sources])
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    /// The rows of a bundled dataset as ReviewQL loaded them, each cell as `show` writes it
    /// without formatting (missing cells empty).
    static func loaded(_ name: String) throws -> [[String: String]] {
        let table = try #require(Bundled.session().datasets.first { $0.name == name }).table
        return (0..<table.rowCount).map { row in
            Dictionary(uniqueKeysWithValues: table.columns.map {
                ($0.name, $0.isMissing(row) ? "" : ValueFormatter.plain($0.value(at: row)))
            })
        }
    }

    @Test func inspectionsMatchTheScrapeCellForCell() throws {
        // The rule of docs/DATA.md, "The council record", written again from the sources.
        let expected = try #require(try Self.python("""
            import csv, json, re, sys
            src = sys.argv[1]
            def key(n): return re.sub(r"\\s+", " ", n.lower().replace("&", "and").replace(".", "")).strip()
            gias = {}
            for row in list(csv.reader(open(src + "/EnglishLaNameCodes.csv", encoding="utf-8")))[1:]:
                if not row[0].startswith("Pre"): gias[key(row[0])] = row[1]
            renamed = {"london corporation": "city of london", "kingston upon hull": "kingston upon hull, city of",
                       "bristol": "bristol, city of", "herefordshire": "herefordshire, county of",
                       "durham": "county durham", "st helens": "st helens"}
            words = {"outstanding": "Outstanding", "good": "Good", "inadequate": "Inadequate",
                     "requires improvement": "Requires improvement to be good"}
            by_design = {"inspection_pre_dates_judgement", "not_reported_post_reform"}
            def iso(d, short=False):
                if not d: return ""
                day, month, year = d.split("/")
                return ("20" + year if short else year) + "-" + month + "-" + day
            out = []
            for r in csv.DictReader(open(src + "/ofsted_csc_ilacs_history.csv", encoding="utf-8")):
                name = key(r["local_authority"])
                cells = {"la_code": gias[key(renamed.get(name, name))], "published": iso(r["publication_date"], True),
                         "framework": r["inspection_framework"], "inspection_start": iso(r["inspection_start_date"]),
                         "inspection_end": iso(r["inspection_end_date"]), "report": r["inspection_link"]}
                unread = []
                for column, name in [("overall_effectiveness_grade", "overall"), ("impact_of_leaders_grade", "leaders"),
                                     ("help_and_protection_grade", "help_and_protection"), ("in_care_grade", "in_care"),
                                     ("care_leavers_grade", "care_leavers")]:
                    cells[name] = words.get(r[column], "")
                    if r[column] not in words and r[column] not in by_design: unread.append(name)
                cells["not_read"] = "; ".join(unread)
                out.append(cells)
            print(json.dumps(out))
            """) as? [[String: String]])
        let rows = try Self.loaded("inspections")
        // 494 reports in the source file, in its order.
        #expect(rows.count == expected.count && expected.count == 494)
        for (index, (row, want)) in zip(rows, expected).enumerated() {
            for (column, value) in want {
                #expect(row[column] == value, "inspections row \(index + 1), \(column)")
            }
        }
        // Each authority is named as councils names its code.
        let councilName = Dictionary(uniqueKeysWithValues: try Self.loaded("councils").map { ($0["la_code"]!, $0["name"]!) })
        for row in rows { #expect(row["authority"] == councilName[row["la_code"]!], "\(row["authority"]!)") }
        // The judgement columns are ordered scales, Ofsted's four levels.
        let table = try #require(Bundled.session().datasets.first { $0.name == "inspections" }).table
        #expect(table.column(named: "overall")?.scale == ["Inadequate", "Requires improvement to be good", "Good", "Outstanding"])
    }

    /// The GIAS list as (name, code, GSS code, year abolished or 0), the name without its
    /// "Pre LGR (2009)" / "Pre-LGR 2019" mark.
    static let gias = """
        import csv, json, re, sys
        rows = []
        for row in list(csv.reader(open(sys.argv[1] + "/EnglishLaNameCodes.csv", encoding="utf-8")))[1:]:
            m = re.match(r"Pre[ -]LGR \\(?(\\d{4})\\)? (.*)", row[0])
            rows.append([m.group(2) if m else row[0], row[1], row[2], int(m.group(1)) if m else 0])
        """

    @Test func everyAuthorityCarriesItsCodesFromTheDfEList() throws {
        let lookup = try #require(try Self.python(Self.gias + "\nprint(json.dumps(rows))") as? [[Any]])
        func key(_ name: String) -> String {
            name.lowercased().replacingOccurrences(of: "&", with: "and").replacingOccurrences(of: ".", with: "")
        }
        let authorities = try Self.loaded("authorities")
        #expect(authorities.count == 150)
        for row in authorities {
            // A row of the list with this code and GSS code, named as this authority or its alias,
            // abolished (if at all) in 2009 or later: it existed in 2008-09.
            let names = Set([row["name"]!, row["alias"]!].filter { !$0.isEmpty }.map(key))
            let match = lookup.first { "\($0[1])" == row["la_code"] && "\($0[2])" == row["gss_code"] }
            #expect(match.map { names.contains(key("\($0[0])")) } == true, "\(row["name"]!): \(row["la_code"]!) \(row["gss_code"]!)")
            #expect(match.map { ($0[3] as? Int ?? 0) == 0 || ($0[3] as? Int ?? 0) >= 2009 } == true, "\(row["name"]!)")
        }
        // councils is the list's current authorities: 153, every code once.
        let councils = try Self.loaded("councils")
        let current = lookup.filter { ($0[3] as? Int ?? 0) == 0 }
        #expect(councils.count == current.count && councils.count == 153)
        #expect(Set(councils.map { "\($0["la_code"]!) \($0["gss_code"]!) \($0["official_name"]!)" })
                == Set(current.map { "\($0[1]) \($0[2]) \($0[0])" }))
    }

    @Test func reorganisationsAgreeWithBothLookups() throws {
        let lookups = try #require(try Self.python(Self.gias + "\n" + """
            dates = {}
            for r in csv.DictReader(open(sys.argv[1] + "/las.csv", encoding="utf-8")):
                dates[r["new_la_code"]] = [r["date_of_operation"], r["date_of_termination"]]
            print(json.dumps({"gias": rows, "dates": dates}))
            """) as? [String: Any])
        let gias = try #require(lookups["gias"] as? [[Any]])
        let dates = try #require(lookups["dates"] as? [String: [String]])
        func giasRow(_ code: String) -> [Any]? { gias.first { "\($0[1])" == code } }
        /// dd/mm/yyyy of an ISO date, and of the day before it.
        func british(_ iso: String, dayBefore: Bool = false) -> String {
            let parts = iso.split(separator: "-").map { Int($0)! }
            var day = CivilDate.dayNumber(year: parts[0], month: parts[1], day: parts[2])!
            if dayBefore { day -= 1 }
            let c = CivilDate.components(day)
            return String(format: "%02d/%02d/%04d", c.day, c.month, c.year)
        }
        let rows = try Self.loaded("reorganisations")
        for row in rows {
            let old = try #require(giasRow(row["la_code"]!), "\(row["authority"]!)")
            // The old code: abolished in the year of the change, under this name and GSS code,
            // its GSS code ending the day before.
            #expect("\(old[0])" == row["authority"] && "\(old[2])" == row["gss_code"], "\(row["authority"]!)")
            #expect(old[3] as? Int == Int(row["date"]!.prefix(4)), "\(row["authority"]!): abolished in")
            #expect(dates[row["gss_code"]!]?[1] == british(row["date"]!, dayBefore: true), "\(row["authority"]!): last day")
            // The new code: a current authority of this name and GSS code, starting that day.
            let new = try #require(giasRow(row["new_la_code"]!), "\(row["became"]!)")
            #expect("\(new[0])" == row["became"] && "\(new[2])" == row["new_gss_code"] && new[3] as? Int == 0, "\(row["became"]!)")
            #expect(dates[row["new_gss_code"]!]?[0] == british(row["date"]!), "\(row["became"]!): first day")
        }
        // The changes issue #23 names, each present.
        let pairs = Set(rows.map { "\($0["authority"]!) > \($0["became"]!) \($0["date"]!)" })
        for pair in ["Bedfordshire > Bedford 2009-04-01", "Bedfordshire > Central Bedfordshire 2009-04-01",
                     "Cheshire > Cheshire East 2009-04-01", "Cheshire > Cheshire West and Chester 2009-04-01",
                     "Bournemouth > Bournemouth, Christchurch and Poole 2019-04-01",
                     "Poole > Bournemouth, Christchurch and Poole 2019-04-01",
                     "Northamptonshire > North Northamptonshire 2021-04-01", "Northamptonshire > West Northamptonshire 2021-04-01",
                     "Cumbria > Cumberland 2023-04-01", "Cumbria > Westmorland and Furness 2023-04-01"] {
            #expect(pairs.contains(pair), "\(pair)")
        }
        // Every authority of 2008-09 whose code is not a current one is explained here.
        let currentCodes = Set(try Self.loaded("councils").map { $0["la_code"]! })
        let gone = Set(try Self.loaded("authorities").map { $0["la_code"]! }).subtracting(currentCodes)
        #expect(gone == Set(rows.map { $0["la_code"]! }))
    }

    @Test func aReviewJoinedToTodaysCouncilsSaysWhatBecameOfItsAuthority() throws {
        let session = Bundled.session()
        func whys() throws -> [String: String] {
            let unmatched = try session.result("show unmatched").table
            #expect(unmatched.columns.map(\.name) == ["key", "rows", "why"])
            return Dictionary(uniqueKeysWithValues: (0..<unmatched.rowCount).map {
                (ValueFormatter.plain(unmatched.columns[0].value(at: $0)), ValueFormatter.plain(unmatched.columns[2].value(at: $0)))
            })
        }
        // The authorities of 2008-09 against today's, by the DfE's code: the seven abolished
        // ones match nothing, and each says what it became.
        let notes = try session.result("count authorities join councils").notes.map(\.text)
        #expect(notes.contains("7 of 150 authorities rows found no match in councils (7 la_code values); they are kept, with the columns of councils missing"))
        #expect(notes.contains("Cheshire: split on 1 April 2009 into Cheshire East and Cheshire West and Chester"))
        #expect(notes.contains("Dorset: replaced on 1 April 2019 by Dorset, part of its area going to Bournemouth, Christchurch and Poole"))
        #expect(try whys()["928"] == "Northamptonshire: split on 1 April 2021 into North Northamptonshire and West Northamptonshire")
        // Reviews reach today's councils through authorities; Bournemouth is matched by name too.
        let reviews = try session.result("count reviews join authorities join councils")
        #expect(reviews.notes.contains { $0.text == "Bournemouth: merged on 1 April 2019 into Bournemouth, Christchurch and Poole" })
        // A miss no reorganisation explains says so.
        _ = try session.result("count statements join councils on board = name")
        let why = try whys()
        #expect(why["Bournemouth"] == "Bournemouth: merged on 1 April 2019 into Bournemouth, Christchurch and Poole")
        #expect(why["South Tees"] == "no row of councils has this board, and no reorganisation of an authority is recorded for it")
    }
}

/// The council record's figures for Norfolk and Birmingham worked out again by Python's `csv`
/// module from the CSV files (the reviews and statements of `Data/`, the scrape's own file for
/// the inspections), and compared with ReviewQL's answers to the statements of
/// `queries/council_record.rql`.
@Suite(.enabled(if: ExternalTools.hasPython, "needs python3"))
struct CouncilRecordTests {
    static func expected(_ authority: String) throws -> [String: [[String]]] {
        let run = try ExternalTools.run("python3", ["-c", """
            import csv, json, sys
            data, name = sys.argv[1], sys.argv[2]
            def rows(path): return list(csv.DictReader(open(path, encoding="utf-8")))
            def iso(d): day, month, year = d.split("/"); return (year if len(year) == 4 else "20" + year) + "-" + month + "-" + day
            reviews = sorted([iso(r["letter_date"]), r["judgement"]] for r in rows(data + "/reviews.csv") if r["authority"] == name)
            statements = [[r["board"], r["addressed"]] for r in rows(data + "/statements.csv") if r["board"] == name]
            words = {"outstanding": "Outstanding", "good": "Good", "inadequate": "Inadequate",
                     "requires improvement": "Requires improvement to be good"}
            inspections = sorted([iso(r["publication_date"])] + [words.get(r[c], "") for c in
                                  ["overall_effectiveness_grade", "impact_of_leaders_grade", "help_and_protection_grade",
                                   "in_care_grade", "care_leavers_grade"]]
                                 for r in rows(data + "/sources/ofsted_csc_ilacs_history.csv") if r["local_authority"] == name.lower())
            inadequate = [[str(sum(1 for r in reviews if r[1] == "Inadequate")), str(len(reviews))]]
            print(json.dumps({"reviews": reviews, "statements": statements, "inspections": inspections, "inadequate": inadequate}))
            """, Bundled.dataFolder, authority])
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: [[String]]])
    }

    static func cells(_ result: QueryResult) -> [[String]] {
        (0..<result.table.rowCount).map { row in
            result.table.columns.map { $0.isMissing(row) ? "" : ValueFormatter.plain($0.value(at: row)) }
        }
    }

    @Test(arguments: ["Norfolk", "Birmingham"])
    func theRecordAgreesWithTheFiles(_ authority: String) throws {
        let want = try Self.expected(authority)
        let session = Bundled.session()
        let quoted = "\"\(authority)\""
        #expect(Self.cells(try session.result("list letter_date, judgement from reviews where authority = \(quoted) order by letter_date"))
                == want["reviews"])
        let statements = Self.cells(try session.result("list board, addressed from statements where board = \(quoted)"))
        #expect(statements.map { $0[0] } == want["statements"]?.map { $0[0] })
        #expect(statements.count == want["statements"]?.count)
        #expect(Self.cells(try session.result("""
            list published, overall, leaders, help_and_protection, in_care, care_leavers from inspections \
            with (authorities on la_code = la_code where name = \(quoted)) order by published
            """)) == want["inspections"])
        let proportion = try session.result("proportion of reviews where judgement = inadequate among authority = \(quoted)").table
        let counts = try #require(want["inadequate"]?.first)
        #expect(proportion.column(named: "count").map { ValueFormatter.plain($0.value(at: 0)) } == counts[0])
        #expect(proportion.column(named: "of").map { ValueFormatter.plain($0.value(at: 0)) } == counts[1])
    }
}
