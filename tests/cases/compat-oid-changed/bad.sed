# Release 2 moves ifHighSpeed to another column number.
/^ifHighSpeed OBJECT-TYPE/,/::=/s/{ ifXEntry 15 }/{ ifXEntry 25 }/
