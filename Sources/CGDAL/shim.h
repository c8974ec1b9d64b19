// The only C entry point of the package. Headers come from pkg-config (`gdal`), which on
// Debian puts them in /usr/include/gdal; never hard-code an include path here.
// Do not define DEBUG before these headers: it changes OGR's handle types.
#ifndef HEATISLAND_CGDAL_SHIM_H
#define HEATISLAND_CGDAL_SHIM_H

#include <gdal.h>
#include <gdal_alg.h>
#include <gdal_utils.h>
#include <gdalwarper.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#endif
