# Release 2 only rewords a DESCRIPTION: allowed.
/^ifAlias  *OBJECT-TYPE/,/::=/s/is an 'alias' name/is an 'alias' (a name)/
