# Release 2 keeps it, obsoleted: allowed.
/^ifCompliance MODULE-COMPLIANCE/,/::= { ifCompliances 1 }/s/STATUS  deprecated/STATUS  obsolete/
