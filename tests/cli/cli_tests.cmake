# End-to-end tests of the peacesim command (label "cli"). Included from tests/CMakeLists.txt.

# --- usage ---------------------------------------------------------------------------------
add_test(NAME cli.help COMMAND ${EXPECT} --exit 0 --stdout "^  peacesim run \\[SCENARIO.lua\\]" -- ${PEACESIM} --help)
add_test(NAME cli.run_help COMMAND ${EXPECT} --exit 0 --stdout "--runs N" -- ${PEACESIM} run --help)
add_test(NAME cli.version COMMAND ${EXPECT} --exit 0 --stdout "^peacesim ${PROJECT_VERSION}$" -- ${PEACESIM} --version)
ps_cli_test(no_command 2 "Usage:")
ps_cli_test(unknown_command 2 "unknown command 'walk' \\(known: run, sweep, sensitivity, report, trace, brief, play\\)" walk)
ps_cli_test(unknown_option 2 "unknown option '--fast'" run --fast)
ps_cli_test(runs_missing 2 "--runs needs a number" run --runs)
ps_cli_test(runs_zero 2 "--runs 0: give a whole number from 1 to" run --runs 0)
ps_cli_test(runs_negative 2 "--runs -5: give a whole number" run --runs -5)
ps_cli_test(runs_not_number 2 "--runs 1e5: give a whole number" run --runs 1e5)
ps_cli_test(runs_overflow 2 "--runs 99999999999999999999999: give a whole number" run --runs 99999999999999999999999)
ps_cli_test(seed_not_number 2 "--seed abc: give a whole number from 0" run --seed abc)
ps_cli_test(seed_overflow 2 "--seed 18446744073709551616: give" run --seed 18446744073709551616)
ps_cli_test(set_malformed 2 "--set needs NAME=VALUE" run --set weeks)
ps_cli_test(set_unknown_param 2 "--set wekes: the script has no param named 'wekes' \\(known: weeks, eu_sanctions_step" run --set wekes=3 --runs 10)
ps_cli_test(set_not_number 2 "istanbul_2025.lua:[0-9]+: --set weeks=ten: param 'weeks' takes a finite number" run --set weeks=ten --runs 10)
ps_cli_test(set_twice 2 "--set weeks is given twice" run --set weeks=3 --set weeks=4)
ps_cli_test(two_scenarios 2 "one scenario at a time" run a.lua b.lua)
# every command that takes a scenario ends its option loop the same way, naming itself
foreach(cmd sweep sensitivity trace brief play)
  ps_cli_test(${cmd}_unknown_option 2 "${cmd}: unknown option '--fast'. Try 'peacesim ${cmd} --help'" ${cmd} --fast)
  ps_cli_test(${cmd}_two_scenarios 2 "${cmd}: one scenario at a time \\('a.lua' and 'b.lua'\\)" ${cmd} a.lua b.lua)
endforeach()
ps_cli_test(missing_scenario 2 "nowhere.lua: cannot read the scenario: No such file or directory" run nowhere.lua)
ps_cli_test(directory_scenario 2 "cannot read the scenario: Is a directory" run ${SCEN})
ps_cli_test(json_missing_folder 2 "--json .*no/such/dir/out.json: the folder .*no/such/dir does not exist" run --runs 10 --json ${WORK}/no/such/dir/out.json)
ps_cli_test(json_is_folder 2 "is a folder: give a file name" run --runs 10 --json ${WORK})
ps_cli_test(lua_memory_bad 2 "--lua-memory needs a whole number" run --lua-memory 0)

# A bad scenario leaves no JSON file behind.
add_test(NAME cli.no_partial_json COMMAND ${EXPECT} --exit 2 --absent ${WORK}/bad.json --stderr "field 'capability'"
         -- ${PEACESIM} run ${SCEN}/bad/capability_string.lua --json ${WORK}/bad.json)

# --- each bad scenario: its message, naming file, line and field, and exit 2 ----------------
file(GLOB bad_scenarios CONFIGURE_DEPENDS ${SCEN}/bad/*.lua)
foreach(f ${bad_scenarios})
  get_filename_component(name ${f} NAME_WE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})   # the expected message lives in it
  if(EXISTS ${SCEN}/bad/${name}.expect)
    file(STRINGS ${SCEN}/bad/${name}.expect first LIMIT_COUNT 1)
  else()
    file(STRINGS ${f} first LIMIT_COUNT 1)
  endif()
  string(REGEX REPLACE "^-- expect: " "" regex "${first}")
  add_test(NAME cli.bad.${name} COMMAND ${EXPECT} --exit 2 --stderr "^peacesim: .*${regex}" -- ${PEACESIM} run ${f} --runs 10)
  set_tests_properties(cli.bad.${name} PROPERTIES LABELS cli)
endforeach()

# --- the sandbox: forbidden libraries are absent; runaway scripts stop with a clear error ------
file(GLOB sandbox_scripts CONFIGURE_DEPENDS ${SCEN}/sandbox/*.lua)
foreach(f ${sandbox_scripts})
  get_filename_component(name ${f} NAME_WE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${f})
  file(STRINGS ${f} lines LIMIT_COUNT 2)
  list(GET lines 0 first)
  string(REGEX REPLACE "^-- expect: " "" regex "${first}")
  set(args --lua-seconds 2 --lua-memory 64)
  list(LENGTH lines n)
  if(n GREATER 1)
    list(GET lines 1 second)
    if(second MATCHES "^-- args: ")
      string(REGEX REPLACE "^-- args: " "" extra "${second}")
      separate_arguments(extra)
      list(APPEND args ${extra})
    endif()
  endif()
  add_test(NAME cli.sandbox.${name} COMMAND ${EXPECT} --exit 2 --stderr "^peacesim: .*${regex}" -- ${PEACESIM} run ${f} --runs 10 ${args})
  set_tests_properties(cli.sandbox.${name} PROPERTIES LABELS cli TIMEOUT 60)
endforeach()

# --- end to end ----------------------------------------------------------------------------
set(E2E ${CMAKE_CURRENT_SOURCE_DIR}/cli/e2e.sh)
foreach(case default_scenario_summary json_schema same_seed_same_json other_seed_other_json json_to_stdout
             default_found_from_any_folder minimal_scenario set_changes_result study_matches_cli
             sandbox_globals_absent failed_write_keeps_old_file
             distribution_draws_do_not_depend_on_table_order math_random_is_reproducible write_error_keeps_old_file
             sigint_reports_the_runs_done sigterm_reports_the_runs_done sigint_stops_within_a_round sigint_stops_a_lua_function script_reads_no_links_or_pipes output_over_a_data_file scenario_read_once sigkill_leaves_no_partial_file
             threads_give_identical_json csv_rows_match_json csv_has_the_draws run_report_shows_the_summary report_one_colour_per_issue sweep_shows_terms_and_timing sweep_points_are_runs lua_sweep_matches_cli sensitivity_variants_are_runs sensitivity_methods lua_sensitivity_matches_cli trace_is_the_counted_replication brief_sheets classroom_lessons play_scripted)
  add_test(NAME cli.e2e.${case} COMMAND ${E2E} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.e2e.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()

# the classroom's sheets and games (docs/TEACHING.md)
foreach(case play_debrief_scores_war play_shows_every_text brief_escapes_scenario_text brief_follows_the_scenario)
  add_test(NAME cli.e2e.${case} COMMAND ${E2E} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.e2e.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()
# The report takes time linear in its document, whatever its runs: four documents the quadratic
# report took over 1,000 to 20,000 s on (measured on smaller ones and extrapolated in e2e.sh: 50
# to 1,000 times this limit), which take one or two seconds each on a busy two-core machine.
# Under ASan and UBSan (an unoptimised build whose every allocation is tracked) they take about 5
# times as long, hence the factor.
if(PEACESIM_SANITIZE)
  set(report_limit 100)
else()
  set(report_limit 20)
endif()
foreach(case report_linear_histogram report_linear_survival report_linear_sweep report_linear_sensitivity)
  add_test(NAME cli.e2e.${case} COMMAND ${E2E} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/${case} ${SCEN})
  math(EXPR limit "${report_limit} * ${SLOW}")
  set_tests_properties(cli.e2e.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()
add_test(NAME cli.e2e.report_axes_and_intervals COMMAND ${E2E} report_axes_and_intervals ${PEACESIM} $<TARGET_FILE:json_check>
         ${WORK}/report_axes_and_intervals ${SCEN})
set_tests_properties(cli.e2e.report_axes_and_intervals PROPERTIES LABELS cli)
add_test(NAME cli.e2e.report_tick_labels_apart COMMAND ${E2E} report_tick_labels_apart ${PEACESIM} $<TARGET_FILE:json_check>
         ${WORK}/report_tick_labels_apart ${SCEN})
set_tests_properties(cli.e2e.report_tick_labels_apart PROPERTIES LABELS cli)

# the band across assumptions (docs/CLI.md, "The band across assumptions")
foreach(case band_names_the_assumptions band_notes_an_atypical_centre lua_run_band_matches_cli sweep_worlds_of_a_computing_script lua_worlds_of_a_computing_script every_command_in_the_usage_runs gnu_long_option_forms band_worlds_are_runs band_report_from_json band_stopped_leaves_no_partial_file)
  add_test(NAME cli.e2e.${case} COMMAND ${E2E} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.e2e.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()
ps_cli_test(worlds_one 2 "--worlds 1: give a whole number from 2 to 4096" run ${SCEN}/assumptions.lua --worlds 1)
ps_cli_test(worlds_too_many 2 "--worlds 4097: give a whole number from 2 to 4096" run ${SCEN}/assumptions.lua --worlds 4097)
ps_cli_test(worlds_not_number 2 "--worlds 1e3: give a whole number from 2 to 4096" run ${SCEN}/assumptions.lua --worlds 1e3)
ps_cli_test(worlds_missing 2 "--worlds needs a whole number from 2 to 4096" run ${SCEN}/assumptions.lua --worlds)
ps_cli_test(world_runs_zero 2 "--world-runs 0: give a whole number from 1 to" run ${SCEN}/assumptions.lua --world-runs 0)
ps_cli_test(world_runs_negative 2 "--world-runs -5: give a whole number from 1 to" run ${SCEN}/assumptions.lua --world-runs -5)
ps_cli_test(worlds_csv_with_central 2 "--worlds-csv writes the worlds of the band, which --central leaves out" run ${SCEN}/assumptions.lua --central --worlds-csv ${WORK}/wc.csv)
ps_cli_test(worlds_csv_without_assumptions 2 "--worlds-csv: .*good_minimal.lua declares no assumption" run ${SCEN}/good_minimal.lua --runs 10 --worlds-csv ${WORK}/wn.csv)
ps_cli_test(worlds_csv_same_as_json 2 "--json .*same.out and --worlds-csv .*same.out are the same file" run ${SCEN}/assumptions.lua --runs 10 --json ${WORK}/same.out --worlds-csv ${WORK}/same.out)
ps_cli_test(worlds_csv_missing_folder 2 "--worlds-csv .*no/such/dir/w.csv: the folder .*does not exist" run ${SCEN}/assumptions.lua --worlds-csv ${WORK}/no/such/dir/w.csv)

# A study script checks --set names too (after it has run: params are declared as it runs).
add_test(NAME cli.study_unknown_set COMMAND ${EXPECT} --exit 2 --stderr "--set nope: the script has no param named 'nope' \\(known: none: it declares no param\\)"
         -- ${PEACESIM} run ${SCEN}/study_compare.lua --set nope=1)
set_tests_properties(cli.study_unknown_set PROPERTIES LABELS cli)

# --interval cp: Clopper-Pearson bounds in the JSON, named there
ps_cli_test(interval_bad 2 "--interval needs wilson or cp" run --interval exact)
add_test(NAME cli.interval_cp COMMAND ${EXPECT} --exit 0 --stdout "\"interval\":[[:space:]]*\"clopper-pearson\"" -- ${PEACESIM} run --runs 500 --interval cp --json - --quiet)
set_tests_properties(cli.interval_cp PROPERTIES LABELS cli)

# NaN and infinities from the command line
ps_cli_test(set_nan 2 "--set weeks=nan: param 'weeks' takes a finite number" run --set weeks=nan --runs 10)
ps_cli_test(set_inf 2 "--set eu_sanctions_step=1e999: param 'eu_sanctions_step' takes a finite number" run --set eu_sanctions_step=1e999 --runs 10)
# a scenario path under a file, not a folder
ps_cli_test(scenario_under_a_file 2 "cannot read the scenario: Not a directory" run ${SCEN}/good_minimal.lua/x.lua)

# more bad values: each option missing or malformed
ps_cli_test(seed_missing 2 "--seed needs a number" run --seed)
ps_cli_test(seed_negative 2 "--seed -1: give a whole number from 0" run --seed -1)
ps_cli_test(json_missing 2 "--json needs a file path" run --json)
ps_cli_test(interval_missing 2 "--interval needs wilson or cp" run --interval)
ps_cli_test(lua_seconds_zero 2 "--lua-seconds needs a whole number from 1 to 86400" run --lua-seconds 0)
ps_cli_test(lua_seconds_overflow 2 "--lua-seconds needs a whole number from 1 to 86400" run --lua-seconds 99999999999999999999)
ps_cli_test(lua_instructions_malformed 2 "--lua-instructions needs a whole number" run --lua-instructions 1e9)
ps_cli_test(lua_memory_missing 2 "--lua-memory needs a whole number" run --lua-memory)
# an output folder that cannot be written, even by root: checked before the run
ps_cli_test(json_unwritable_folder 2 "--json /proc/out.json: cannot write in the folder /proc" run --runs 10 --json /proc/out.json)
ps_cli_test(threads_zero 2 "--threads needs a whole number from 1 to 256" run --threads 0)
ps_cli_test(precision_bad 2 "--precision needs a half-width between 0 and 0.5" run --precision 0)
add_test(NAME cli.precision_reported COMMAND ${EXPECT} --exit 0 --stdout "\"target\":[[:space:]]*0.02" -- ${PEACESIM} run --runs 100000 --precision 0.02 --json - --quiet)
set_tests_properties(cli.precision_reported PROPERTIES LABELS cli)

# Events with Lua functions: a study that loads the scripted scenario (every worker thread runs the
# file again) and compares it with the table form; a scenario that calls peacesim.run itself and
# has event functions cannot be re-run by the workers, and says so.
add_test(NAME cli.scripted_study COMMAND ${EXPECT} --exit 0 --stdout "^share\t[0-9]+\tfront\t0\\.5"
         -- ${PEACESIM} run ${SCEN}/scripted/study.lua)
set_tests_properties(cli.scripted_study PROPERTIES LABELS cli)
add_test(NAME cli.scripted_threads_identical COMMAND ${E2E} scripted_threads_identical ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/scripted_threads ${SCEN})
set_tests_properties(cli.scripted_threads_identical PROPERTIES LABELS cli)

# --csv: bad paths fail before the run; a run interrupted keeps the rows of the replications done
ps_cli_test(csv_missing 2 "--csv needs a file path" run --csv)
ps_cli_test(csv_no_folder 2 "--csv /nonexistent/r.csv: the folder /nonexistent does not exist" run --runs 10 --csv /nonexistent/r.csv)
ps_cli_test(csv_and_json_stdout 2 "--csv - and --json - would both write to standard output" run --runs 10 --csv - --json -)

# sweep: every bad grid is refused before anything runs
ps_cli_test(sweep_no_vary 2 "sweep: give at least one --vary" sweep --runs 10)
ps_cli_test(sweep_vary_malformed 2 "--vary eu_sanctions_step: give NAME=V1,V2" sweep --vary eu_sanctions_step)
ps_cli_test(sweep_range_wrong_way 2 "--vary x=0:1:-0.1: FROM:TO:STEP needs three numbers, with STEP going from FROM towards TO" sweep --vary x=0:1:-0.1)
ps_cli_test(sweep_empty_value 2 "--vary x=1,,2: an empty value" sweep --vary x=1,,2)
ps_cli_test(sweep_too_many_points 2 "sweep: the grid has 100 points; at most 64" sweep --vary a=1:10:1 --vary b=1:10:1)
ps_cli_test(sweep_vary_twice 2 "--vary a is given twice" sweep --vary a=1,2 --vary a=3)
ps_cli_test(sweep_vary_and_set 2 "eu_sanctions_step is both varied \\(--vary\\) and fixed \\(--set\\)" sweep --vary eu_sanctions_step=0,0.1 --set eu_sanctions_step=0.2)
ps_cli_test(sweep_baseline_off_grid 2 "--baseline eu_sanctions_step=0.5 is not a point of the grid" sweep --vary eu_sanctions_step=0,0.1 --baseline eu_sanctions_step=0.5)
ps_cli_test(sweep_baseline_incomplete 2 "--baseline eu_sanctions_step=0: give a value for weeks too" sweep --vary eu_sanctions_step=0,0.1 --vary weeks=10,20 --baseline eu_sanctions_step=0)
ps_cli_test(sweep_unknown_param 2 "--set or --vary nope: the script has no param named 'nope'" sweep --vary nope=1,2 --runs 10)
# sweep across the worlds of the assumptions: bad options refused before anything runs
ps_cli_test(sweep_worlds_too_few 2 "--worlds 1: give a whole number from 2 to 4096" sweep --vary x=1,2 --worlds 1)
ps_cli_test(sweep_worlds_too_many 2 "--worlds 5000: give a whole number from 2 to 4096" sweep --vary x=1,2 --worlds 5000)
ps_cli_test(sweep_worlds_not_a_number 2 "--worlds many: give a whole number from 2 to 4096" sweep --vary x=1,2 --worlds many)
ps_cli_test(sweep_world_runs_zero 2 "--world-runs 0: give a whole number from 1 to" sweep --vary x=1,2 --world-runs 0)
ps_cli_test(sweep_world_runs_missing 2 "--world-runs needs a whole number" sweep --vary x=1,2 --world-runs)
set(SWEEP_WORLDS ${CMAKE_CURRENT_SOURCE_DIR}/cli/sweep_worlds.sh)
foreach(case worlds_diff_is_separate_runs worlds_threads_same_bits central_removes_worlds lua_worlds_match_cli)
  add_test(NAME cli.sweep_worlds.${case} COMMAND ${SWEEP_WORLDS} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/sw_${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.sweep_worlds.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()
add_test(NAME cli.sweep_help COMMAND ${EXPECT} --exit 0 --stdout "common random numbers" -- ${PEACESIM} sweep --help)
set_tests_properties(cli.sweep_help PROPERTIES LABELS cli)
ps_cli_test(sensitivity_nothing_uncertain 2 "sensitivity: .*good_minimal.lua has no uncertain number" sensitivity ${SCEN}/good_minimal.lua --runs 10)
ps_cli_test(sensitivity_method_bad 2 "--method anova: give oat, morris or sobol" sensitivity --method anova)
ps_cli_test(sensitivity_factors_bad 2 "--factors some: give all, assumptions or distributions" sensitivity --factors some)
ps_cli_test(sensitivity_levels_odd 2 "--levels needs an even number from 2 to 1024" sensitivity --method morris --levels 5)
ps_cli_test(sensitivity_levels_range 2 "--levels needs a whole number from 2 to 1024" sensitivity --method morris --levels 2000)
ps_cli_test(sensitivity_trajectories_one 2 "--trajectories needs a whole number from 2 to 100000" sensitivity --method morris --trajectories 1)
ps_cli_test(sensitivity_samples_one 2 "--samples needs a whole number from 2 to 1048576" sensitivity --method sobol --samples 1)
ps_cli_test(sensitivity_bootstrap_bad 2 "--bootstrap needs a whole number from 0 to 100000" sensitivity --method sobol --bootstrap -1)
ps_cli_test(sensitivity_setting_of_another_method 2 "--samples is a setting of --method sobol; this analysis is --method morris" sensitivity --method morris --samples 8)
ps_cli_test(sensitivity_setting_of_oat 2 "--trajectories is a setting of --method morris; this analysis is --method oat" sensitivity --trajectories 8)
ps_cli_test(sensitivity_output_unknown 2 "--output terms:peace: not an output of .* \\(known: agreement, war_rounds, an issue \\(prisoners, ceasefire, territory, sanctions\\), terms:ISSUE\\)" sensitivity --output terms:peace --runs 10)
ps_cli_test(sensitivity_no_assumption 2 "sensitivity: .*sensitivity.lua has no assumption: nothing to vary" sensitivity ${SCEN}/sensitivity.lua --factors assumptions --runs 10)
ps_cli_test(sensitivity_too_large 2 "sensitivity: sobol over 2 factors needs 4194304 design points x 1000000 runs: more than 100000000000 replications" sensitivity ${SCEN}/sensitivity.lua --method sobol --samples 1048576 --runs 1000000)
ps_cli_test(sensitivity_top_bad 2 "--top needs a whole number from 1 to 1000" sensitivity --top 0)
# a param whose default is a distribution is set to a constant, and only to a number
ps_cli_test(set_distribution_param_text 2 "--set a_war_cost=abc: param 'a_war_cost' takes a finite number" run ${SCEN}/sensitivity.lua --set a_war_cost=abc --runs 10)

# --- HTML reports in a real browser (headless Chromium: scripts/test installs it) ----------------
# Looked for at every configure (scripts/build configures every time): a program or library not
# found the time before is looked for again (CMake's rule for a NOTFOUND result), and one found
# before whose file has gone since is forgotten here, so the tests follow what is installed now.
# Chromium is looked for on PATH only, as a shell finds it (tests/cli/reconfigure.sh hides it so).
foreach(found CHROMIUM ZLIB_INCLUDE_DIR ZLIB_LIBRARY_RELEASE ZLIB_LIBRARY_DEBUG)
  if(${found} AND NOT EXISTS "${${found}}")
    unset(${found} CACHE)
  endif()
endforeach()
find_program(CHROMIUM NAMES chromium chromium-browser NO_CMAKE_SYSTEM_PATH)
find_package(ZLIB)
if(CHROMIUM AND ZLIB_FOUND)
  add_executable(png_check cli/png_check.c)
  target_link_libraries(png_check PRIVATE ZLIB::ZLIB)
  foreach(kind run sweep sensitivity)
    add_test(NAME cli.report.${kind}_in_browser
             COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/browser.sh ${kind} ${PEACESIM} $<TARGET_FILE:png_check>
                     ${WORK}/browser_${kind} ${SCEN} ${CHROMIUM})
    math(EXPR browser_limit "180 * ${SLOW}")
    set_tests_properties(cli.report.${kind}_in_browser PROPERTIES LABELS cli TIMEOUT ${browser_limit})
  endforeach()
else()
  # not skipped in silence: the check is part of the suite
  add_test(NAME cli.report.browser_missing COMMAND sh -c "echo 'chromium or zlib1g-dev is missing: scripts/test installs them' >&2; exit 1")
  set_tests_properties(cli.report.browser_missing PROPERTIES LABELS cli)
endif()
# README's two commands on a fresh machine, scripts/run then scripts/test: the second build must
# see what the second setup installed (scripts/build in a scratch folder, chromium hidden, then not)
add_test(NAME cli.setup.build_sees_what_setup_installed COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/reconfigure.sh
         ${CMAKE_SOURCE_DIR} ${WORK}/reconfigure)
math(EXPR reconfigure_limit "300 * ${SLOW}")
set_tests_properties(cli.setup.build_sees_what_setup_installed PROPERTIES LABELS cli TIMEOUT ${reconfigure_limit})
# report: bad input is refused with the file named
ps_cli_test(report_no_file 2 "report: give a result file" report)
ps_cli_test(report_missing 2 "report: cannot read /nonexistent.json" report /nonexistent.json)
ps_cli_test(report_not_json 2 "report: .*minimal.lua:1: not JSON" report ${SCEN}/good_minimal.lua -o ${WORK}/x.html)
# the study scripts of docs/STUDIES.md run (their numbers are in the doc; here: they run, print their tables)
add_test(NAME cli.study.sanctions_sweep COMMAND ${EXPECT} --exit 0 --stdout "paired on common random numbers: +\\+0\\.9"
         -- ${PEACESIM} run ${CMAKE_SOURCE_DIR}/scenarios/studies/sanctions_sweep.lua)
add_test(NAME cli.study.unconditional_ceasefire COMMAND ${EXPECT} --exit 0 --stdout "ceasefire +39\\.09% +60\\.17% +\\+21\\.09"
         -- ${PEACESIM} run ${CMAKE_SOURCE_DIR}/scenarios/studies/unconditional_ceasefire.lua)
math(EXPR study_limit "300 * ${SLOW}")
set_tests_properties(cli.study.sanctions_sweep cli.study.unconditional_ceasefire PROPERTIES LABELS validation TIMEOUT ${study_limit})
# malformed result files (found by review): refused, or drawn as far as they go; never a crash or a hang
ps_cli_test(report_not_a_result 2 "report: .*no_schema.json: not a peacesim result: its \"schema\" is missing" report ${SCEN}/bad_reports/no_schema.json -o ${WORK}/y.html)
ps_cli_test(report_sweep_empty_vary 2 "the sweep varies no param" report ${SCEN}/bad_reports/sweep_empty_vary.json -o ${WORK}/y.html)
ps_cli_test(report_ranking_numbers 2 "the ranking holds something other than lists of names" report ${SCEN}/bad_reports/sensitivity_ranking_numbers.json -o ${WORK}/y.html)
foreach(name params_a_list sweep_issues_a_list sweep_huge_x)
  add_test(NAME cli.report_odd_${name} COMMAND ${EXPECT} --exit 0 -- ${PEACESIM} report ${SCEN}/bad_reports/${name}.json -o ${WORK}/odd_${name}.html)
  set_tests_properties(cli.report_odd_${name} PROPERTIES LABELS cli TIMEOUT 20)
endforeach()
ps_cli_test(trace_runs_refused 2 "trace: --runs does not apply: a trace is one replication" trace --runs 10)
ps_cli_test(trace_replication_bad 2 "--replication needs a whole number from 0" trace --replication -1)
# a kept `w` is refused after its call; a study's own scenario's functions have their own budgets
add_test(NAME cli.scripted_kept_world COMMAND ${EXPECT} --exit 2 --stdout "^false\t.*the world 'w' can be used only during the call it was given to"
         --stderr "peacesim.run cannot be called while the script runs again"
         -- ${PEACESIM} run ${SCEN}/scripted/kept_world.lua --runs 10)
add_test(NAME cli.scripted_study_budget_is_the_commands COMMAND ${EXPECT} --exit 2
         --stderr "study_budget.lua:10: the script ran past its budget of 10.0 million instructions \\(--lua-instructions\\) \\(in the 'when' function of event 'e'\\)"
         -- ${PEACESIM} run ${SCEN}/scripted/study_budget.lua --runs 10 --lua-instructions 10000000)
add_test(NAME cli.scripted_study_budget_enough COMMAND ${EXPECT} --exit 2 --stdout "^ran\t20000"
         -- ${PEACESIM} run ${SCEN}/scripted/study_budget.lua --runs 10)
set_tests_properties(cli.scripted_kept_world cli.scripted_study_budget_is_the_commands cli.scripted_study_budget_enough PROPERTIES LABELS cli)
ps_cli_test(brief_neither 2 "brief: give --party NAME \\(a role sheet\\) or --teacher" brief)
ps_cli_test(brief_unknown_party 2 "--party Turkey: .* has no party of that name \\(parties: Russia, Ukraine, US, EU/NATO\\)" brief --party Turkey)
ps_cli_test(play_no_party 2 "play: say which party you play: --as PARTY" play)
ps_cli_test(play_unknown_party 2 "--as Narnia: .* has no party of that name" play --as Narnia)
ps_cli_test(play_no_consent 2 "play: --as Mediator: no issue of .*patience.lua needs Mediator's consent, so it would have nothing to answer; parties you can play: West, East" play ${CMAKE_SOURCE_DIR}/scenarios/classroom/patience.lua --as Mediator)
ps_cli_test(play_not_mediated 2 "play: .*rubinstein.lua uses the 'equilibrium' protocol; a person can play only under the mediated one" play ${CMAKE_SOURCE_DIR}/scenarios/textbook/rubinstein.lua --as P1)
# the game in a real terminal (tmux: scripts/test installs it)
add_test(NAME cli.play_in_tmux COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/tmux_play.sh ${PEACESIM} ${WORK}/tmux ${SCEN})
math(EXPR tmux_limit "120 * ${SLOW}")
set_tests_properties(cli.play_in_tmux PROPERTIES LABELS cli TIMEOUT ${tmux_limit})
# trace under a protocol other than the mediated one: its offer and the answers, with their worth
add_test(NAME cli.trace_other_protocol COMMAND ${EXPECT} --exit 0
         --stdout "P2 accepts: the text gives it 0\\.286 \\(no deal: 1\\.000\\); this protocol's own rule decides"
         -- ${PEACESIM} trace ${CMAKE_SOURCE_DIR}/scenarios/textbook/rubinstein.lua)
set_tests_properties(cli.trace_other_protocol PROPERTIES LABELS cli)
# found by fuzzing (scripts/fuzz report): a run without "runs" made the survival band's counts undefined
ps_cli_test(report_run_without_runs 2 "the result's \"runs\" is missing or not a whole number" report ${SCEN}/bad_reports/run_without_runs.json -o ${WORK}/z.html)

# --- the budgets hold for the whole command (docs/SECURITY.md) ------------------------------
# a sweep's points draw on one budget: 8 points of 30 million instructions pass 150 million;
# 8 points of about half a second each pass one second
ps_cli_test(sweep_budget_instructions 2 "sweep_budget.lua:5: the script ran past its budget of 150.0 million instructions"
            sweep ${SCEN}/sweep_budget.lua --vary step=1:8:1 --runs 10 --lua-instructions 150000000)
ps_cli_test(sweep_budget_seconds 2 "sweep_budget.lua:5: the script ran past its time budget of 1.0 seconds"
            sweep ${SCEN}/sweep_budget.lua --vary step=1:8:1 --set loop=60 --runs 10 --lua-seconds 1)
# with fewer worker copies the same scripts fit their budgets (their failing forms: tests/scenarios/sandbox/worker_*.lua)
add_test(NAME cli.worker_copies_one_thread COMMAND ${EXPECT} --exit 0 --stdout "3000 runs"
         -- ${PEACESIM} run ${SCEN}/sandbox/worker_copies.lua --lua-instructions 150000000 --threads 1 --runs 3000)
add_test(NAME cli.worker_memory_one_thread COMMAND ${EXPECT} --exit 0 --stdout "5000 runs"
         -- ${PEACESIM} run ${SCEN}/sandbox/worker_memory.lua --lua-memory 64 --threads 1 --runs 5000)
set_tests_properties(cli.worker_copies_one_thread cli.worker_memory_one_thread PROPERTIES LABELS cli)
# --- output files (docs/CLI.md, "Output files"): special files, links, an input never written
# over, modes, limits and signals, errors on standard output, escapes in messages -------------
foreach(case char_device fifo std_descriptors symlink refused_kinds same_file modes_kept file_size_limit signals
             stdout_closed escapes tty_output)
  add_test(NAME cli.files.${case} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/cli/files.sh ${case} ${PEACESIM} $<TARGET_FILE:json_check>
                                          ${WORK}/files_${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.files.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()

# An option's value that looks like an option is refused, naming the option (--json --quiet wrote
# a file named --quiet); "-" stays standard output, and a negative number after '=' a value.
set(optval ${WORK}/option_values)
function(ps_value_refused name regex)
  add_test(NAME cli.value_refused.${name} COMMAND ${EXPECT} --exit 2 --stderr "^peacesim: ${regex}" --in ${optval}/${name}
           --absent ${optval}/${name}/--quiet -- ${PEACESIM} ${ARGN})
  set_tests_properties(cli.value_refused.${name} PROPERTIES LABELS cli)
endfunction()
set(as_option "'--quiet' reads as an option")
set(as_path "${as_option} \\(for a file of that name, write \\./--quiet\\)")
ps_value_refused(run_json "--json needs a file path \\(or - for standard output\\): ${as_path}" run --runs 10 --json --quiet)
ps_value_refused(run_csv "--csv needs a file path \\(or - for standard output\\): ${as_path}" run --runs 10 --csv --quiet)
ps_value_refused(run_report "--report needs a file path, e.g. --report report.html: ${as_path}" run --runs 10 --report --quiet)
ps_value_refused(sweep_json "--json needs a file path" sweep --vary eu_sanctions_step=0,1 --runs 10 --json --quiet)
ps_value_refused(trace_json "--json needs a file path" trace --json --quiet)
ps_value_refused(brief_output "-o needs a file path \\(or - for standard output\\): ${as_path}" brief --party Ukraine -o --quiet)
ps_value_refused(report_output "-o needs a file path \\(or - for standard output\\): ${as_path}" report ${SCEN}/bad_reports/no_schema.json -o --quiet)
ps_value_refused(play_transcript "--transcript needs a file path: ${as_path}" play --as Ukraine --transcript --quiet)
ps_value_refused(json_dash_name "--json needs a file path \\(or - for standard output\\): '-r.json' reads as an option \\(for a file of that name, write \\./-r.json\\)" run --runs 10 --json -r.json)
ps_value_refused(set "--set needs NAME=VALUE, e.g. --set eu_sanctions_step=0.2: ${as_option}" run --set --quiet)
ps_value_refused(vary "--vary needs NAME=V1,V2,... or NAME=FROM:TO:STEP: ${as_option}" sweep --vary --quiet)
ps_value_refused(baseline "--baseline needs NAME=VALUE,..., e.g. --baseline eu_sanctions_step=0: ${as_option}" sweep --vary eu_sanctions_step=0,1 --baseline --quiet)
ps_value_refused(party "--party needs a party's name, e.g. --party Ukraine: '--teacher' reads as an option" brief --party --teacher)
ps_value_refused(as "--as needs a party's name, e.g. --as Ukraine: '--seed' reads as an option" play --as --seed 3)
ps_value_refused(interval "--interval needs wilson or cp \\(Clopper-Pearson\\): ${as_option}" run --interval --quiet)
ps_value_refused(runs "--runs needs a number, e.g. --runs 100000: ${as_option}" run --runs --quiet)
ps_value_refused(seed "--seed needs a number, e.g. --seed 1: ${as_option}" run --seed --quiet)
ps_value_refused(threads "--threads needs a whole number from 1 to 256: ${as_option}" run --threads --quiet)
ps_value_refused(lua_memory "--lua-memory needs a whole number from 1 to 65536 \\(MiB\\): ${as_option}" run --lua-memory --quiet)
ps_value_refused(precision "--precision needs a half-width between 0 and 0.5, e.g. --precision 0.005: ${as_option}" run --precision --quiet)
ps_value_refused(top "--top needs a whole number from 1 to 1000: ${as_option}" sensitivity --top --quiet)
ps_value_refused(trace_replication "--replication needs a whole number from 0, e.g. --replication 7: ${as_option}" trace --replication --quiet)
ps_value_refused(play_replication "--replication needs a whole number from 0: ${as_option}" play --as Ukraine --replication --quiet)
# values that start with '-' and are values: a negative number after '=', a negative number
# (refused by its own range, with its own message), "-" for standard output
foreach(spec "set_negative;run --set eu_sanctions_step=-0.1 --runs 10 --json - --quiet"
             "vary_negative;sweep --vary eu_sanctions_step=-0.1,0 --baseline eu_sanctions_step=-0.1 --runs 10 --json - --quiet")
  list(GET spec 0 name)
  list(GET spec 1 words)
  separate_arguments(words)
  add_test(NAME cli.value_taken.${name} COMMAND ${EXPECT} --exit 0 --stdout "\"eu_sanctions_step\":[[:space:]]*-0\\.1"
           -- ${PEACESIM} ${words})
  set_tests_properties(cli.value_taken.${name} PROPERTIES LABELS cli)
endforeach()
ps_cli_test(value_taken.seed_negative 2 "--seed -1: give a whole number from 0" run --seed -1)
add_test(NAME cli.value_taken.dash COMMAND ${EXPECT} --exit 0 --stdout "\"schema\":[[:space:]]*\"peacesim.trace/1\"" -- ${PEACESIM} trace --json - --quiet)
set_tests_properties(cli.value_taken.dash PROPERTIES LABELS cli)

# Everything written to standard output must reach it: a full one (/dev/full) is an error, exit 1,
# for every command, short outputs (held in the buffer until the end) and long ones alike.
set(stdout_full "^peacesim: .*writing (to standard output|the summary|the table|the story|the page) failed")
foreach(spec "version;--version" "help;--help" "run_help;run --help" "run;run --runs 10"
             "trace_short;trace ${SCEN}/good_minimal.lua" "trace;trace" "study_print;run ${SCEN}/study_compare.lua"
             "brief;brief --party Ukraine" "play;play ${CMAKE_SOURCE_DIR}/scenarios/classroom/patience.lua --as East"
             "sweep;sweep --vary eu_sanctions_step=0,0.1 --runs 10" "sensitivity;sensitivity ${SCEN}/sensitivity.lua --runs 100"
             "json_dash;run --runs 10 --json - --quiet" "report_dash;report ${SCEN}/../fuzz/report/run.json -o -")
  list(GET spec 0 name)
  list(GET spec 1 words)
  separate_arguments(words)
  add_test(NAME cli.stdout_full.${name} COMMAND ${EXPECT} --exit 1 --stdout-to /dev/full --stderr "${stdout_full}"
           -- ${PEACESIM} ${words})
  set_tests_properties(cli.stdout_full.${name} PROPERTIES LABELS cli)
endforeach()
# a study writes its own output: --csv and --report are refused as --json is, not ignored
ps_cli_test(study_csv_refused 2 "--csv: .*study_compare.lua is a study script \\(it returns no scenario\\): it writes its own output" run ${SCEN}/study_compare.lua --csv ${WORK}/study.csv)
ps_cli_test(study_report_refused 2 "--report: .*study_compare.lua is a study script" run ${SCEN}/study_compare.lua --report ${WORK}/study.html)
# Text as UTF-8: long multibyte names through every output, each cut on a character boundary;
# --precision stops on the interval the reports show, and the summary says when it was not reached.
foreach(case long_multibyte_names precision_cp_halfwidths_within_target precision_cap_in_the_summary)
  add_test(NAME cli.e2e.${case} COMMAND ${E2E} ${case} ${PEACESIM} $<TARGET_FILE:json_check> ${WORK}/${case} ${SCEN})
  math(EXPR limit "300 * ${SLOW}")
  set_tests_properties(cli.e2e.${case} PROPERTIES LABELS cli TIMEOUT ${limit})
endforeach()
# the watchdog: chained ephemeron tables keep the garbage collector in one step for minutes,
# where no hook fires; 2 s past the time budget the watchdog ends peacesim, nothing written
# (under valgrind the table building itself passes the budget first, and the hook ends it)
if(SLOW EQUAL 1)
  set(watchdog_says "where no check could stop it: peacesim ended it \\(nothing written\\)")
else()
  set(watchdog_says "")
endif()
add_test(NAME cli.watchdog_ends_the_garbage_collector COMMAND ${EXPECT} --exit 2 --absent ${WORK}/watchdog.json
         --stderr "ephemerons.lua(:[0-9]+)?: the script ran past its time budget of 2.0 seconds.*${watchdog_says}"
         -- ${PEACESIM} run ${SCEN}/sandbox/ephemerons.lua --lua-memory 256 --lua-seconds 2 --json ${WORK}/watchdog.json)
set_tests_properties(cli.watchdog_ends_the_garbage_collector PROPERTIES LABELS cli TIMEOUT 120)
# a time budget that holds within a hook step of heavy single instructions: 2 s of budget must end
# by 10 s (before the clock was read at every step, next_scan ran 20 s, concat_big 5 s)
math(EXPR step_limit "10 * ${SLOW}")
set_tests_properties(cli.sandbox.next_scan cli.sandbox.concat_big PROPERTIES TIMEOUT ${step_limit})
# Every fact tag (F1, F2-F3, ...) cited in scenarios/, docs/ and README.md is defined in
# docs/FACTS.md, and every fact defined there is cited; fixtures: a dangling tag and an uncited
# fact fail, naming file, line and tag; spans written with an en dash or a hyphen cite each fact
set(FACTS_TAGS ${CMAKE_CURRENT_SOURCE_DIR}/cli/facts_tags.sh)
add_test(NAME cli.facts_tags_resolve COMMAND ${EXPECT} --exit 0 -- ${FACTS_TAGS} ${CMAKE_SOURCE_DIR})
add_test(NAME cli.facts_tags_dangling COMMAND ${EXPECT} --exit 1 --stdout "^scenarios/a\\.lua:3: F3 is not defined in docs/FACTS\\.md$"
         -- ${FACTS_TAGS} ${SCEN}/facts/dangling)
add_test(NAME cli.facts_tags_uncited COMMAND ${EXPECT} --exit 1 --stdout "^docs/FACTS\\.md:7: F3 is defined but cited nowhere"
         -- ${FACTS_TAGS} ${SCEN}/facts/uncited)
add_test(NAME cli.facts_tags_spans COMMAND ${EXPECT} --exit 0 -- ${FACTS_TAGS} ${SCEN}/facts/spans)
set_tests_properties(cli.facts_tags_resolve cli.facts_tags_dangling cli.facts_tags_uncited cli.facts_tags_spans PROPERTIES LABELS cli)
