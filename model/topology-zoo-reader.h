/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOPOLOGY_ZOO_READER_H
#define MEC_PFM_TOPOLOGY_ZOO_READER_H

#include "mec-scenario.h"
#include "scenario-error.h"

#include <istream>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A Topology Zoo graph as read, before roles are chosen.
 */
struct ZooGraph
{
    std::vector<ScenarioNode> nodes; //!< one per GraphML node; id = its label (made unique)
    std::vector<ScenarioLink> links; //!< one per GraphML edge
    std::vector<bool> speedKnown;    //!< per link: LinkSpeedRaw was present
    uint32_t parallelLinks{0};       //!< edges that duplicate another node pair (kept)
};

/**
 * \ingroup mec-pfm
 * \brief Reads Internet Topology Zoo GraphML files (for example GEANT 2012) with
 * Boost.Graph's GraphML parser.
 *
 * Rules (doc/mec-pfm.rst, "Scenario files"):
 * - node id: the GraphML "label" (GEANT: country codes); a label already taken gets "-2",
 *   "-3", ... (the first free one) appended in file order; a node without label is named
 *   "n<k>", k its position among the <node> elements (from 0);
 * - errors name the file and the element: "<node> #k (label ...)" or
 *   "<edge> #k (A - B)", k counted from 0 in file order;
 * - coordinates: "Latitude"/"Longitude" in degrees; a node without them is an error
 *   (propagation delays could not be derived);
 * - link bandwidth: "LinkSpeedRaw" in bit/s (must be positive), or defaultLinkBps if
 *   absent (GEANT 2012: 22 of its 61 links carry no speed). The scenario default
 *   ("default_link_bps") is 1 Gbit/s, a deliberately pessimistic guess: the known speeds
 *   are 155 Mbit/s (2), 1 (6), 2.5 (5) and 10 Gbit/s (26), and the links without one
 *   include core links (NL-DE, DK-DE, DE-CH, FR-UK) that were probably 10 Gbit/s; a low
 *   guess makes pulls slower, so it cannot flatter edge placement. Set 1e10 to get the
 *   optimistic variant;
 * - link delay: great-circle (haversine, Earth radius 6371 km) distance between the ends
 *   x 5 us/km (light in fibre), at least minLinkDelayS;
 * - self loops are errors; parallel edges (GEANT 2012 has none) are kept as separate links
 *   and counted in ZooGraph::parallelLinks (BackhaulGraph routes over the one of least
 *   delay, then of most bandwidth).
 */
class TopologyZooReader
{
  public:
    /// Fibre propagation delay, seconds per km.
    static constexpr double DELAY_PER_KM = 5e-6;
    /// Mean Earth radius, km.
    static constexpr double EARTH_RADIUS_KM = 6371.0;

    /**
     * \param path the GraphML file
     * \param defaultLinkBps bandwidth of links without LinkSpeedRaw
     * \param minLinkDelayS smallest link delay
     * \return the graph
     * \throws ScenarioError naming the file, the element and the reason
     */
    static ZooGraph Read(const std::string& path, double defaultLinkBps, double minLinkDelayS);

    /**
     * \brief Read GraphML from a stream (the fuzzer's entry point; Read(path) opens the file
     * and calls this).
     * \param in the GraphML text
     * \param path the file name used in errors
     * \param defaultLinkBps bandwidth of links without LinkSpeedRaw
     * \param minLinkDelayS smallest link delay
     * \return the graph
     * \throws ScenarioError naming the file, the element and the reason
     */
    static ZooGraph Read(std::istream& in,
                         const std::string& path,
                         double defaultLinkBps,
                         double minLinkDelayS);

    /**
     * \return great-circle distance in km between two points given in degrees
     * \param lat1 latitude of the first point
     * \param lon1 longitude of the first point
     * \param lat2 latitude of the second point
     * \param lon2 longitude of the second point
     */
    static double HaversineKm(double lat1, double lon1, double lat2, double lon2);
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_TOPOLOGY_ZOO_READER_H */
