import HeatIsland
