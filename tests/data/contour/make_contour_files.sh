#!/bin/sh
# How the contour test files were made (kept for the record; the files are committed).
# GDAL 3.6.2 (Debian 12 ogr2ogr) writes them, as a projectleider's GIS would.
# The site: a five-sided parcel around the demo project's boreholes (Croeselaan, Utrecht), RD New.
set -e
cd "$(dirname "$0")"
printf 'id,WKT\n1,"POLYGON ((135880 455280, 135990 455275, 136000 455350, 135940 455395, 135875 455370, 135880 455280))"\n' > site.csv
rm -f site-rd.geojson site-wgs84.geojson site-rd.gpkg site-wgs84.gpkg points.gpkg
ogr2ogr -f GeoJSON -a_srs EPSG:28992 site-rd.geojson site.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f GeoJSON -s_srs EPSG:28992 -t_srs EPSG:4326 -lco RFC7946=YES site-wgs84.geojson site.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f GPKG -a_srs EPSG:28992 -nln site_contour site-rd.gpkg site.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f GPKG -s_srs EPSG:28992 -t_srs EPSG:4326 -nln site_contour site-wgs84.gpkg site.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
printf 'id,WKT\n1,"POINT (135900 455300)"\n2,"POINT (135950 455320)"\n' > points.csv
ogr2ogr -f GPKG -a_srs EPSG:28992 -nln boreholes points.gpkg points.csv -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
rm site.csv points.csv
