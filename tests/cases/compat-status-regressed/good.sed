# Release 2 deprecates an object: status moves forward, allowed.
/^ifTableLastChange  *OBJECT-TYPE/,/::=/s/current/deprecated/
