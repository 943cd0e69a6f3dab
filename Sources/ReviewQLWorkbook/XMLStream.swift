import CExpat
import Foundation
import ReviewQLCore

/// What a workbook part's XML is read into: the elements and text libexpat reports, in order.
///
/// libexpat calls C functions; they reach the handler through the parser's user data, so the
/// handler is a class, and subclasses override the three events they need. Element names are
/// as written with their prefix (`table:table-cell`); `XMLName` compares them.
class XMLHandler {
    func start(_ name: UnsafePointer<CChar>, _ attributes: XMLAttributes) {}
    func end(_ name: UnsafePointer<CChar>) {}
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
}

/// An element's attributes as libexpat gives them: name, value, name, value, ..., nil.
struct XMLAttributes {
    let pairs: UnsafeMutablePointer<UnsafePointer<CChar>?>

    /// The value of the attribute `name` (its local name, prefix ignored), if present.
    func value(_ name: StaticString) -> UnsafePointer<CChar>? {
        var index = 0
        while let attribute = pairs[index] {
            if XMLName.is(attribute, name) { return pairs[index + 1] }
            index += 2
        }
        return nil
    }

    /// The value of the attribute written exactly `name`, prefix and all (`office:value-type`,
    /// not `calcext:value-type`).
    func qualified(_ name: StaticString) -> UnsafePointer<CChar>? {
        var index = 0
        while let attribute = pairs[index] {
            let matches = name.withUTF8Buffer { wanted in
                strncmp(attribute, UnsafeRawPointer(wanted.baseAddress!).assumingMemoryBound(to: CChar.self), wanted.count) == 0
                    && attribute[wanted.count] == 0
            }
            if matches { return pairs[index + 1] }
            index += 2
        }
        return nil
    }

    func string(_ name: StaticString) -> String? {
        value(name).map { String(cString: $0) }
    }

    /// The attribute's value as a whole number (digits only), read in place: a sheet has one
    /// or two such attributes per cell.
    func integer(_ name: StaticString) -> Int? {
        guard let value = value(name) else { return nil }
        var number = 0, position = 0
        while position < 19, case let digit = UInt8(bitPattern: value[position]), digit >= 0x30 && digit <= 0x39 {
            number = number * 10 + Int(digit - 0x30)
            position += 1
        }
        return position > 0 && value[position] == 0 ? number : nil
    }
}

/// Comparing element and attribute names by their local part (after any `prefix:`), since a
/// workbook may write `x:c` where another writes `c`.
enum XMLName {
    @inline(__always)
    static func local(_ name: UnsafePointer<CChar>) -> UnsafePointer<CChar> {
        // Names are short: a plain loop beats calling strchr once per element.
        var position = 0
        while name[position] != 0 {
            if name[position] == 0x3A { return name + position + 1 }
            position += 1
        }
        return name
    }

    @inline(__always)
    static func `is`(_ name: UnsafePointer<CChar>, _ wanted: StaticString) -> Bool {
        wanted.withUTF8Buffer { wantedBytes in
            let local = local(name)
            return strncmp(local, UnsafeRawPointer(wantedBytes.baseAddress!).assumingMemoryBound(to: CChar.self), wantedBytes.count) == 0
                && local[wantedBytes.count] == 0
        }
    }
}

/// One run of libexpat over one part of a workbook, fed in pieces as the part is unpacked.
final class XMLStream {
    private let parser: XML_Parser
    private let part: String
    private let handler: XMLHandler

    init(part: String, handler: XMLHandler) {
        self.part = part
        self.handler = handler
        parser = XML_ParserCreate(nil)
        XML_SetUserData(parser, Unmanaged.passUnretained(handler).toOpaque())
        // The stream holds the handler for as long as libexpat can call it, so each call
        // borrows it without retaining it (a retain and release per element cost as much as
        // the element's own work).
        XML_SetElementHandler(parser, { data, name, attributes in
            Unmanaged<XMLHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef { $0.start(name!, XMLAttributes(pairs: attributes!)) }
        }, { data, name in
            Unmanaged<XMLHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef { $0.end(name!) }
        })
        XML_SetCharacterDataHandler(parser) { data, text, length in
            let bytes = UnsafeRawPointer(text!).assumingMemoryBound(to: UInt8.self)
            Unmanaged<XMLHandler>.fromOpaque(data!)._withUnsafeGuaranteedRef {
                $0.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
            }
        }
    }

    deinit { XML_ParserFree(parser) }

    /// Parses the next piece of the part (`last`: the end of it).
    func feed(_ bytes: UnsafeRawBufferPointer, last: Bool = false) throws(WorkbookProblem) {
        let pointer = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        if XML_Parse(parser, pointer, Int32(bytes.count), last ? 1 : 0) != XML_STATUS_OK {
            let reason = String(cString: XML_ErrorString(XML_GetErrorCode(parser)))
            throw .badXML(part: part, line: Int(XML_GetCurrentLineNumber(parser)), reason: reason)
        }
    }
}
