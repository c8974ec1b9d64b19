/*
 * Whether two pieces of GDAL's start-up work overlap on two threads: opening a GeoPackage (and
 * listing its files) on the main thread, and the first EPSG lookup of another thread (PROJ opens
 * its database for that thread). Each run prints both times in milliseconds, done one after the
 * other (mode 0) or at the same time (mode 1). On the benchmark machine the slower of the two,
 * at the same time, took longer than both one after the other, which is why kranj-heat keeps its
 * GDAL work on one thread until the statistics (Performance.md, "Start-up of the command line").
 *
 * Usage: gdal_two_threads ZONES.gpkg 0|1
 * Build (from the repository root):
 *   cc -O2 Benchmarks/floor/gdal_two_threads.c -o /tmp/gdal_two_threads $(pkg-config --cflags --libs gdal) -lpthread
 * Run:
 *   for i in $(seq 15); do /tmp/gdal_two_threads Fixtures/kranj/districts.gpkg 0
 *   /tmp/gdal_two_threads Fixtures/kranj/districts.gpkg 1; done
 */
#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <ogr_srs_api.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double milliseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double lookup;

static void *first_lookup(void *unused) {
    (void)unused;
    double start = milliseconds();
    OGRSpatialReferenceH crs = OSRNewSpatialReference(NULL);
    if (OSRImportFromEPSG(crs, 4326) != OGRERR_NONE) { fprintf(stderr, "EPSG:4326 unknown\n"); exit(1); }
    OSRDestroySpatialReference(crs);
    lookup = milliseconds() - start;
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: gdal_two_threads ZONES.gpkg 0|1\n"); return 2; }
    int together = atoi(argv[2]);
    GDALAllRegister();
    CPLSetConfigOption("SPATIALITE_LOAD", "NO");
    pthread_t other;
    if (together && pthread_create(&other, NULL, first_lookup, NULL) != 0) { fprintf(stderr, "no thread\n"); return 1; }
    double start = milliseconds();
    GDALDatasetH zones = GDALOpenEx(argv[1], GDAL_OF_VECTOR, NULL, NULL, NULL);
    if (!zones) {
        // The other thread must not be inside PROJ while the process's clean-up runs.
        if (together) pthread_join(other, NULL);
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    CSLDestroy(GDALGetFileList(zones));
    GDALClose(zones);
    double open = milliseconds() - start;
    if (together) pthread_join(other, NULL); else first_lookup(NULL);
    printf("%s geopackage %.2f ms, first EPSG lookup %.2f ms\n", together ? "together" : "one after the other", open, lookup);
    return 0;
}
