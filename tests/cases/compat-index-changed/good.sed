# Release 2 deprecates the stack table's row instead: allowed.
/^ifStackEntry  *OBJECT-TYPE/,/::=/s/STATUS        current/STATUS        deprecated/
