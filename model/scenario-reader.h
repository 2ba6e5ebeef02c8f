/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SCENARIO_READER_H
#define MEC_PFM_SCENARIO_READER_H

#include "mec-scenario.h"

#include <string>

namespace ns3
{

/**
 * \ingroup mec-pfm
 * \brief Reads scenario files (JSON, doc/mec-pfm.rst "Scenario files").
 *
 * Every field of the format is required unless marked optional; extra fields are ignored
 * (forward compatibility), but a missing required field is an error that names the nearest
 * field present (a misspelling). Every error is a ScenarioError naming the file, the JSON
 * path and the reason; malformed JSON names the line and column.
 *
 * Optional alternatives to inline lists:
 * - "catalogue": "default" instead of "blocks" and "models": DefaultCatalogue;
 * - "topology": {...} instead of "nodes" and "links": a Topology Zoo GraphML file;
 * - "trace": {...} instead of "requests": an Azure LLM inference trace.
 */
class ScenarioReader
{
  public:
    /**
     * \param path the scenario file
     * \return the validated scenario
     * \throws ScenarioError
     */
    static MecScenario ReadFile(const std::string& path);

    /**
     * \param text the JSON text
     * \param file the name to use in errors
     * \param baseDir directory against which relative paths inside are resolved
     * \return the validated scenario
     * \throws ScenarioError
     */
    static MecScenario ReadString(const std::string& text,
                                  const std::string& file,
                                  const std::string& baseDir);
};

} // namespace ns3

#endif /* MEC_PFM_SCENARIO_READER_H */
