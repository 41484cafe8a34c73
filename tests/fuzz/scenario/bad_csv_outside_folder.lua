-- expect: csv_outside_folder.lua:2: csv: '../../shared/data/bdm_ec_car_emissions.csv' must be a file name in the script's own folder
local rows = csv("../../shared/data/bdm_ec_car_emissions.csv")
