# Release 2 changes MAX-ACCESS (read-create is only visible in the text).
/^ifAlias  *OBJECT-TYPE/,/::=/s/read-write/read-only/
/^ifStackStatus  *OBJECT-TYPE/,/::=/s/read-create/read-write/
