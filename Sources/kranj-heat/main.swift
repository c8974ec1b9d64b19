import Foundation
import HeatIslandCLI

exit(KranjHeat.run(arguments: Array(CommandLine.arguments.dropFirst())))
