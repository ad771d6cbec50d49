# Release 2 of IF-MIB drops a deprecated compliance statement.
/^ifCompliance MODULE-COMPLIANCE/,/::= { ifCompliances 1 }/d
