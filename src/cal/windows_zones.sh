#!/bin/sh
# windows_zones.sh - writes windows_zones.inc, the Windows time zone names Outlook and Exchange put in TZID
# ("W. Europe Standard Time") with the IANA zone CLDR gives each for the world at large (territory 001), from
# Debian's unicode-cldr-core (apt-get install unicode-cldr-core). Run it from this folder when CLDR changes:
#     sh windows_zones.sh > windows_zones.inc
# The table is kept in the source, sorted by name (windows_zones.c searches it), so neither the build nor memocal
# needs the package.
set -eu
f=${1:-/usr/share/unicode/cldr/common/supplemental/windowsZones.xml}
[ -r "$f" ] || { echo "windows_zones.sh: $f not found (apt-get install unicode-cldr-core)" >&2; exit 1; }
echo "/* windows_zones.inc - written by windows_zones.sh from CLDR's windowsZones.xml (Debian unicode-cldr-core"
echo " * $(dpkg-query -W -f '${Version}' unicode-cldr-core 2>/dev/null || echo '?')): Windows zone name, IANA zone; sorted by name. */"
sed -n 's|.*<mapZone other="\([^"]*\)" territory="001" type="\([^" ]*\)"/>.*|\1\t\2|p' "$f" | LC_ALL=C sort -t '	' -k1,1 |
	awk -F '\t' '{ printf "\t{\"%s\", \"%s\"},\n", $1, $2 }'
