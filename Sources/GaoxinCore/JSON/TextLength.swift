extension String {
    /// A text's length for our limits, in Unicode code points: how JSON Schema's `maxLength` (the API document) and
    /// PostgreSQL's `varchar(n)` count. `count` counts what a reader sees as one character, so "é" written as e plus a
    /// combining accent is 1 there but 2 here; limits checked with `count` let through texts the API says are too long.
    public var textLength: Int { unicodeScalars.count }
}
