/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_TOPOLOGY_ZOO_READER_H
#define MEC_PFM_TOPOLOGY_ZOO_READER_H

#include "mec-scenario.h"
#include "scenario-error.h"

#include <cmath>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Options of TopologyZooReader::Read (the scenario's "topology" fields).
 */
struct ZooReadOptions
{
    double defaultLinkBps{1e9}; //!< bandwidth of links without LinkSpeedRaw
    double minLinkDelayS{1e-4}; //!< smallest link delay
    /**
     * Delay of every link with an end without valid coordinates; NaN (the default) means
     * the median rule: the median delay of the links whose two ends have coordinates, or
     * fallbackLinkDelayS if there is none.
     */
    double unlocatedLinkDelayS{std::nan("")};
    double fallbackLinkDelayS{1e-3}; //!< the median rule's delay when no link is located
};

/**
 * \ingroup mec-pfm
 * \brief How the links with an end without coordinates got their delay.
 */
enum class UnlocatedDelayRule
{
    NONE,     //!< every link has two located ends
    MEDIAN,   //!< the median delay of the located links
    FALLBACK, //!< no located link: ZooReadOptions::fallbackLinkDelayS
    GIVEN     //!< ZooReadOptions::unlocatedLinkDelayS
};

/**
 * \ingroup mec-pfm
 * \brief What TopologyZooReader's rules changed or assumed in one file.
 */
struct ZooReadReport
{
    std::string file;           //!< the file's name (no directory)
    uint32_t fileNodes{0};      //!< <node> elements
    uint32_t fileEdges{0};      //!< <edge> elements
    uint32_t unlocatedNodes{0}; //!< nodes without valid Latitude/Longitude
    uint32_t unlocatedLinks{0}; //!< links (after merging) with such an end
    UnlocatedDelayRule unlocatedRule{UnlocatedDelayRule::NONE}; //!< their delay's rule
    double unlocatedDelayS{0};                                  //!< their delay
    uint32_t selfLoopsDropped{0};                               //!< edges from a node to itself
    uint32_t parallelMerged{0};          //!< edges merged into an earlier edge of the same pair
    uint32_t labelsRenamed{0};           //!< nodes whose label was taken (suffix added)
    uint32_t hyperedgeNodes{0};          //!< nodes with the Zoo's "hyperedge" attribute set
    uint32_t hyperedgesExpanded{0};      //!< GraphML <hyperedge> elements made into links
    uint32_t nonStandardKeyTypes{0};     //!< keys of type "integer" (read as "long")
    uint32_t droppedNodes{0};            //!< nodes outside the kept component
    uint32_t droppedComponents{0};       //!< connected components dropped
    std::vector<std::string> droppedIds; //!< ids of the dropped nodes, in node order
    uint32_t defaultSpeedLinks{0};       //!< links without LinkSpeedRaw (after merging)
    double defaultLinkBps{0};            //!< the bandwidth they were given

    /**
     * \return one line, for example "Kdl.graphml: 754 nodes, 899 edges; ..." listing
     * every rule that changed something (only the counts, "as in the file" if none)
     */
    std::string ToString() const;
};

/**
 * \ingroup mec-pfm
 * \brief A Topology Zoo graph as read, before roles are chosen.
 */
struct ZooGraph
{
    std::vector<ScenarioNode> nodes; //!< one per GraphML node; id = its label (made unique)
    std::vector<ScenarioLink> links; //!< one per node pair joined by an edge
    std::vector<bool> speedKnown;    //!< per link: LinkSpeedRaw was present
    std::vector<bool> located;       //!< per node: valid Latitude/Longitude
    std::vector<bool> hyperedge;     //!< per node: the Zoo's "hyperedge" attribute is set
    ZooReadReport report;            //!< what the rules changed
};

/**
 * \ingroup mec-pfm
 * \brief Reads Internet Topology Zoo GraphML files (for example GEANT 2012) with its own
 * GraphML reader over Boost.PropertyTree's XML parser.
 *
 * Rules (doc/scenario-format.rst, "Topology Zoo rules"; every change is counted in
 * ZooReadReport):
 * - keys: GraphML types boolean, int, long, float, double, string; "integer" (not in the
 *   GraphML schema, used by two Zoo files) is read as "long"; a key's <default> applies to
 *   elements without its <data>; only label, Latitude, Longitude, LinkSpeedRaw and
 *   hyperedge are used, and a value of those that does not parse as its key's type is
 *   an error (coordinates excepted: see below);
 * - node id: the GraphML "label"; a label already taken gets "-2", "-3", ... (the first
 *   free one) appended in file order; a node without label is named "n<k>", k its
 *   position among the <node> elements (from 0);
 * - coordinates: "Latitude"/"Longitude" in degrees; a node where either is absent, not a
 *   number or out of range ([-90, 90], [-180, 180]) is kept, "unlocated";
 * - link delay: great-circle (haversine, Earth radius 6371 km) distance between the ends
 *   x 5 us/km (light in fibre), at least minLinkDelayS; a link with an unlocated end gets
 *   ZooReadOptions::unlocatedLinkDelayS if given, else the median of the other links'
 *   delays (mean of the two middle ones for an even count), else fallbackLinkDelayS;
 * - link bandwidth: "LinkSpeedRaw" in bit/s (must be positive), or defaultLinkBps;
 * - edges are undirected whatever "edgedefault" says; self loops are dropped; edges
 *   joining the same two nodes are merged into the first one's link, which keeps the
 *   highest bandwidth of them (routing used the fastest anyway; their delays are equal);
 * - a GraphML <hyperedge> element becomes the links between every two of its endpoints;
 *   a Zoo "hyperedge" node (a shared medium drawn as a node) is kept as a node;
 * - errors name the file and the element: "<node> #k (label ...)", "<edge> #k (A - B)",
 *   "<key> #k (id ...)", k counted from 0 in file order.
 * Connected components are not the reader's business: KeepComponent.
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
     * \param options speeds and delays of what the file does not say
     * \return the graph
     * \throws ScenarioError naming the file, the element and the reason
     */
    static ZooGraph Read(const std::string& path, const ZooReadOptions& options);

    /**
     * \param g a graph
     * \return per node, the index of its connected component; components are numbered
     * from 0 in the order of their first node
     */
    static std::vector<uint32_t> Components(const ZooGraph& g);

    /**
     * \brief Keep only the connected component of one node: the other nodes are dropped
     * (counted with their ids in g.report) and the links renumbered.
     * \param g the graph, changed in place
     * \param node index of a node of the component to keep
     * \return the new index of that node
     */
    static uint32_t KeepComponent(ZooGraph& g, uint32_t node);

    /**
     * \brief Read GraphML from a stream (the fuzzer's entry point; Read(path, options) opens
     * the file and calls this).
     * \param in the GraphML text
     * \param path the file name used in errors
     * \param options what to do where the file is silent (ZooReadOptions)
     * \return the graph
     * \throws ScenarioError naming the file, the element and the reason
     */
    static ZooGraph Read(std::istream& in, const std::string& path, const ZooReadOptions& options);

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
