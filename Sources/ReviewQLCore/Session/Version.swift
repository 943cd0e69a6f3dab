/// ReviewQL's version, shown by `--version`, in the banner and in recorded handouts.
public enum ReviewQLVersion {
    public static let current = "0.1.0"
}

extension String {
    /// The text with its first letter in upper case ("count the reviews" → "Count the reviews").
    var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
