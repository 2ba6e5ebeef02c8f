/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOOL_EXPERIMENT_H
#define MEC_PFM_TOOL_EXPERIMENT_H

/**
 * \file
 * \ingroup mec-pfm
 * `mec-pfm-tool experiment`: the experiments' definitions and runs (tool-experiment.cc),
 * their figures and the headline table (tool-experiment-report.cc).
 */

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

/// One point of an experiment: a change of the base scenario.
struct ExperimentPoint
{
    std::string label;             //!< short name, unique in the experiment (file names, CSV)
    double x{0};                   //!< abscissa of the figures
    nlohmann::json patch;          //!< JSON merge patch (RFC 7386) applied to the base scenario
    bool isDefault{false};         //!< the point of the shipped scenario (headline table)
    std::vector<std::string> args; //!< more arguments of the point's child processes
};

/// One figure of an experiment.
struct ExperimentFigure
{
    std::string name;   //!< file name without extension
    std::string column; //!< delay, cost, accuracy or wall
    std::string yLabel; //!< y axis
    bool yLog{false};   //!< logarithmic y axis
};

/// An experiment: points, each run with every algorithm and seed.
struct Experiment
{
    std::string name;                      //!< as on the command line
    std::string title;                     //!< what it shows (figure titles, --list)
    std::string scenario;                  //!< the scenario it varies (figure titles)
    std::string xLabel;                    //!< x axis
    bool xLog{false};                      //!< logarithmic x axis
    std::vector<ExperimentPoint> points;   //!< its points
    std::vector<ExperimentFigure> figures; //!< its figures
    /// What a run is: "plan" (`mec-pfm-tool plan`: planned figures), "packet" (the
    /// mec-pfm-geant example: planned and measured at packet level) or "online"
    /// (`mec-pfm-online-tool --compare`: every policy in one child, one row each)
    std::string kind{"plan"};
    /// planners (plan, packet) or policies (online); empty: every planner / policy
    std::vector<std::string> algorithms;
};

/// One row of runs.csv.
struct ExperimentRow
{
    std::string experiment; //!< experiment name
    std::string point;      //!< point label
    double x{0};            //!< point abscissa
    double requests{0};     //!< requests in the point's scenario
    uint32_t seed{0};       //!< seed (scenario draws and planner)
    std::string algorithm;  //!< planner
    std::string status;     //!< plan status, or "exit N" if no JSON line
    double objective{0};    //!< objective_s (total delay), NaN if none
    double bound{0};        //!< lower_bound_s, NaN if none
    double accuracy{0};     //!< avg_accuracy
    double cost{0};         //!< cost (total)
    double pullBytes{0};    //!< pull_bytes
    double wall{0};         //!< wall time of the child process, s
    // Columns added after the first 13 (a runs.csv of 13 columns reads as NaN here).
    double measured{NAN};                     //!< measured_total_delay_s (packet)
    double parts[5]{NAN, NAN, NAN, NAN, NAN}; //!< measured means: upload, wait-model, queue,
                                              //!< processing, download (packet)
    double failed{NAN};                       //!< failed requests (packet, online)
    double regret{NAN};                       //!< regret_s (online)
};

/// The extra columns of ExperimentRow::parts, in order (CSV header names without "mean_").
extern const char* const kExperimentParts[5];

/// The CSV header of runs.csv.
extern const char* const kExperimentCsvHeader;

/**
 * \brief A row as a line of runs.csv (numbers with 10 significant digits, empty if not
 * finite).
 * \param r the row
 * \return the line, without its newline
 */
std::string ExperimentCsvLine(const ExperimentRow& r);

/**
 * \brief Parse runs.csv.
 * \param path the file
 * \return its rows (none if it does not exist), sorted by point, algorithm and seed (the
 * file holds them in the order the runs ended)
 */
std::vector<ExperimentRow> ReadExperimentRows(const std::string& path);

/**
 * \brief Write an experiment's figures: per figure a data file, a gnuplot script and its
 * PNG (gnuplot run as a child process), mean and 95 % Student-t interval over seeds.
 * \param e the experiment
 * \param rows its rows
 * \param dir the experiment's folder
 * \return the PNG files written (an empty PNG is not listed)
 */
std::vector<std::string> WriteExperimentFigures(const Experiment& e,
                                                const std::vector<ExperimentRow>& rows,
                                                const std::string& dir);

/**
 * \brief The headline table: rounding and ilp against each baseline at each experiment's
 * default point, printed and written to DIR/headline.csv and DIR/headline.rst.
 * \param rows rows of every experiment run, keyed by experiment name
 * \param exps the experiments
 * \param dir the output folder
 * \param seeds the --seeds value (for the commands in the table)
 */
void WriteHeadline(const std::map<std::string, std::vector<ExperimentRow>>& rows,
                   const std::vector<Experiment>& exps,
                   const std::string& dir,
                   uint32_t seeds);

#endif /* MEC_PFM_TOOL_EXPERIMENT_H */
