# White space and comments differ; no definition does.
/^ifDescr OBJECT-TYPE/,/::=/s/^    SYNTAX      /    SYNTAX   /
/^ifAdminStatus OBJECT-TYPE/i\
-- the administrative state, as the standard defines it
