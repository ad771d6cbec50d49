# Release 2 brings a deprecated object back to current.
/^ifTestId  *OBJECT-TYPE/,/::=/s/deprecated/current/
