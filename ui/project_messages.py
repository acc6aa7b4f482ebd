"""The project dialog's messages from the core (fieldapp/domain/project.py, contour.py), for ui.field_errors.translate.

Rules (RuleError) bring their own Dutch from resources/rules/project.json; these are the other messages.
"""

from __future__ import annotations

# (regular expression of the core's English text, the English template for tr())
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"'(?P<v>.*)' is not a date\.", "'{v}' is not a date."),
    (r"'(?P<v>.+)' has been withdrawn from the list '(?P<l>.+)'\.", "'{v}' has been withdrawn from the list."),
    (r"'(?P<v>.+)' is not on the code list '(?P<l>.+)'\.", "'{v}' is not on the list."),
    (r"The WKT polygon is malformed \(brackets or coordinates\)\.",
     "The WKT polygon is malformed (brackets or coordinates)."),
    (r"'(?P<v>.*)' is not a WKT polygon\.", "'{v}' is not a WKT polygon."),
    (r"(?P<f>.+) holds no polygon\.", "{f} holds no polygon."),
    (r"(?P<f>.+) holds (?P<n>\d+) polygons; a project has one site contour\.",
     "{f} holds {n} polygons; a project has one site contour."),
    (r"The contour crosses itself near (?P<p>.+)\.", "The contour crosses itself near {p}."),
    (r"The vertex (?P<p>.+) is not in RD New \(EPSG:28992\) in the Netherlands\.",
     "The vertex {p} is not in RD New (EPSG:28992) in the Netherlands."),
    (r"The contour has (?P<n>\d+) distinct vertices\.", "The contour has {n} distinct vertices."),
    (r"The contour has no area \(under 1 m²\)\.", "The contour has no area (under 1 m²)."),
    (r"Hole (?P<n>\d+) of the contour lies outside it\.", "Hole {n} of the contour lies outside it."),
    (r"The contour is in EPSG:(?P<n>\d+), which FieldApp does not convert\.",
     "The contour is in EPSG:{n}, which FieldApp does not convert."),
    (r"(?P<f>.+): FieldApp reads a contour from GeoJSON, GeoPackage or WKT, not '(?P<s>.*)' files\.",
     "{f}: FieldApp reads a contour from GeoJSON, GeoPackage or WKT, not '{s}' files."),
    (r"(?P<f>.+) does not exist\.", "{f} does not exist."),
    (r"(?P<f>.+) is not valid JSON \((?P<d>.+)\)\.", "{f} is not valid JSON ({d})."),
    (r"(?P<f>.+) is not a GeoPackage \((?P<d>.+)\)\.", "{f} is not a GeoPackage ({d})."),
    (r"(?P<f>.+) holds a geometry of WKB type (?P<n>\d+), not a polygon\.",
     "{f} holds a geometry of type {n}, not a polygon."),
    (r"(?P<f>.+) holds a damaged geometry\.", "{f} holds a damaged geometry."),
    (r"The GeoJSON names the coordinate system '(?P<v>.+)', which FieldApp does not know\.",
     "The GeoJSON names the coordinate system '{v}', which FieldApp does not know."),
    (r"The project has (?P<n>\d+) boreholes with a position, not three or more off one line\.",
     "The project has {n} boreholes with a position, not three or more off one line."),
    (r"The project has 1 borehole with a position, not three or more off one line\.",
     "The project has 1 borehole with a position, not three or more off one line."),
)

_HINTS: tuple[tuple[str, str], ...] = (
    (r"Write it as YYYY-MM-DD, e\.g\. 2026-03-14\.", "Write it as YYYY-MM-DD, e.g. 2026-03-14."),
    (r"Choose a current value from the list\.", "Choose a current value from the list."),
    (r"Enter the first field day that has been worked, not a planned one\.",
     "Enter the first field day that has been worked, not a planned one."),
    (r"Check both dates: the end date is the last field day\.",
     "Check both dates: the end date is the last field day."),
    (r"Shorten it to (?P<n>\d+) characters, as the SIKB0101 file takes it\.",
     "Shorten it to {n} characters, as the SIKB0101 file takes it."),
    (r"Copy the 8-digit number from the contractor's KvK extract \(uittreksel\)\.",
     "Copy the 8-digit number from the contractor's KvK extract (uittreksel)."),
    (r"Correct the polygon in your GIS.*", "Correct the polygon in your GIS and import it again."),
    (r"Export (the contour|it)( again)?( as [\w ]+)?\.", "Export the contour again as GeoJSON, GeoPackage or WKT."),
    (r"Export (the contour|it) in RD \(EPSG:28992\) or in longitude/latitude \(EPSG:4326\)\.",
     "Export it in RD (EPSG:28992) or in longitude/latitude (EPSG:4326)."),
    (r"Export the contour as \.geojson, \.gpkg or \.wkt\.", "Export the contour as .geojson, .gpkg or .wkt."),
    (r"Keep one polygon, or merge them into one in your GIS first\.",
     "Keep one polygon, or merge them into one in your GIS first."),
    (r"Choose the contour file again\.", "Choose the contour file again."),
    (r"A polygon needs at least three\.|A site contour needs .*",
     "A polygon needs at least three vertices off one line."),
    (r"Measure or plan at least three boreholes first, or import the contour from a file\.",
     "Measure or plan at least three boreholes first, or import the contour from a file."),
    (r"Give 'POLYGON.*|Write it as 'POLYGON.*", "Write it as 'POLYGON ((x y, x y, ...))'."),
    (r"Check that the file holds longitude/latitude in the Netherlands\.",
     "Check that the file holds longitude/latitude in the Netherlands."),
)

MESSAGES, HINTS = _MESSAGES, _HINTS
