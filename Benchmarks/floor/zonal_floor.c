/*
 * The least a zonal-statistics process must do through GDAL, and nothing else: start (the dynamic
 * loader binds libgdal and its libraries), open the raster and read its CRS and geotransform, open
 * the zones and read their CRS and geometries, compare the two CRSs, and read the window the zones
 * cover. No coverage, no statistics, no output beyond a checksum. compare_zonal.py times it beside
 * both tools as the floor under any whole-process time on these files. Like kranj-heat, it keeps
 * the SQLite drivers from starting libspatialite, whose SQL functions reading never calls.
 *
 * Usage: zonal_floor RASTER ZONES
 */
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: zonal_floor RASTER ZONES\n"); return 2; }
    GDALAllRegister();
    CPLSetConfigOption("SPATIALITE_LOAD", "NO");
    GDALDatasetH raster = GDALOpen(argv[1], GA_ReadOnly);
    GDALDatasetH zones = GDALOpenEx(argv[2], GDAL_OF_VECTOR, NULL, NULL, NULL);
    if (!raster || !zones) { fprintf(stderr, "cannot open the inputs\n"); return 1; }
    double gt[6];
    OGRLayerH layer = GDALDatasetGetLayer(zones, 0);
    OGRSpatialReferenceH crs = GDALGetSpatialRef(raster), zoneCRS = OGR_L_GetSpatialRef(layer);
    if (GDALGetGeoTransform(raster, gt) != CE_None || !crs || !zoneCRS || !OSRIsSame(crs, zoneCRS)) {
        fprintf(stderr, "the inputs need one CRS and a geotransform\n");
        return 1;
    }
    OGREnvelope extent;
    int features = 0;
    OGRFeatureH feature;
    while ((feature = OGR_L_GetNextFeature(layer)) != NULL) {
        features += OGR_F_GetGeometryRef(feature) != NULL;
        OGR_F_Destroy(feature);
    }
    OGR_L_GetExtent(layer, &extent, 1);
    int width = GDALGetRasterXSize(raster), height = GDALGetRasterYSize(raster);
    int x0 = (int)((extent.MinX - gt[0]) / gt[1]), x1 = (int)((extent.MaxX - gt[0]) / gt[1]) + 1;
    int y0 = (int)((extent.MaxY - gt[3]) / gt[5]), y1 = (int)((extent.MinY - gt[3]) / gt[5]) + 1;
    x0 = x0 < 0 ? 0 : x0; y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > width ? width : x1; y1 = y1 > height ? height : y1;
    double sum = 0;
    if (x1 > x0 && y1 > y0) {
        float *window = malloc((size_t)(x1 - x0) * (size_t)(y1 - y0) * sizeof(float));
        if (!window || GDALRasterIO(GDALGetRasterBand(raster, 1), GF_Read, x0, y0, x1 - x0, y1 - y0, window,
                                    x1 - x0, y1 - y0, GDT_Float32, 0, 0) != CE_None) {
            fprintf(stderr, "cannot read the window\n");
            return 1;
        }
        for (size_t i = 0; i < (size_t)(x1 - x0) * (size_t)(y1 - y0); i++)
            if (window[i] == window[i]) sum += window[i];
        free(window);
    }
    printf("%d features, window %d x %d, sum %.3f\n", features, x1 - x0, y1 - y0, sum);
    GDALClose(zones);
    GDALClose(raster);
    return 0;
}
