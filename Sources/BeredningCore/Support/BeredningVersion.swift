/// The program's version, as `bered --version` prints it.
public enum BeredningVersion {
    public static let current = "0.21.0"
}
