package convert

// Table is a sheet as CSV reads it, for a program that shows or edits the
// cells (the studio): the header, the rows that are not empty with the line
// of the file each begins on (the "row N" of a problem), and the column of
// each field (see Fields; "date" is the field "time").
type Table struct {
	Header     []string
	HeaderLine int
	Rows       [][]string
	Lines      []int
	Columns    map[string]int // field → index in Header
	Comma      rune           // the separator: ',', ';' or '\t'
}

// ReadTable reads a sheet as CSV does (its encoding, its separator, its
// column names and layouts). The problems are CSV's for the sheet's header
// and encoding; a nil Table means the sheet cannot be read.
func ReadTable(sh Sheet) (*Table, []Problem) {
	s, probs := readSheet(sh)
	if s == nil {
		return nil, probs
	}
	probs = append(probs, s.notes...)
	return &Table{Header: s.header, HeaderLine: s.headerLine, Rows: s.rows, Lines: s.lines, Columns: s.col, Comma: s.comma}, probs
}
