import Foundation
import HeatIslandCLI

let status = KranjHeat.runWithProcessArguments()
// Every output is complete by now: files are renamed into place and GDAL's handles are closed.
// What exit() would still do is tear down PROJ's and SQLite's caches and run the destructors of the
// ~110 libraries GDAL loads, about a tenth of a short `kranj-heat zonal`; flush standard output and
// error and leave at once instead.
fflush(nil)
_exit(status)
