/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_LTE_ACCESS_NETWORK_H
#define MEC_PFM_LTE_ACCESS_NETWORK_H

#include "ns3/access-network.h"
#include "ns3/data-rate.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/lte-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/point-to-point-epc-helper.h"
#include "ns3/vector.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief LTE access through ns-3's EPC: one eNB per cloudlet site, the users as UEs.
 *
 * Where the cloudlet sits: behind the PGW, on the SGi interface (a local breakout). There
 * is one EPC (PointToPointEpcHelper: one SGW, one PGW, one MME) for all the sites, and the
 * PGW has a point-to-point SGi link to each cloudlet (network SgiNetwork + k, /30). A
 * request goes UE -> radio -> eNB -> S1-U -> SGW -> S5 -> PGW -> SGi -> cloudlet, its
 * response back the same way. One EPC per site would be the literal local breakout, but a
 * UE keeps its IP address only within one PGW: with one shared PGW a user that hands over
 * to another site's eNB keeps its address and its open connections, and reaches every
 * cloudlet by its SGi address. The EPC's wired links (S1-U, S5, SGi) have 0 s delay and
 * 10 Gb/s by default, so the PGW stands where each site's breakout would.
 *
 * Attach(cloudlet, users) adds the cloudlet's eNB (a node of its own, on a grid of
 * InterSiteDistance metres, GridWidth eNBs a row; X2 to every earlier eNB), installs the
 * UEs (placed uniformly in a square of half-width 0.4 InterSiteDistance around their
 * eNB, so that it is their best cell), assigns their addresses (EpcHelper, 7.0.0.0/8),
 * sets their default route to the PGW, attaches them to this eNB and returns the
 * cloudlet's SGi address. With Mobility true the UEs move (RandomWaypointMobilityModel,
 * waypoints in a square of half-width RoamingDistance around their first eNB, constant
 * UeSpeed) and hand over by HandoverAlgorithm over X2. With MobilityTrace set, the UEs
 * are placed and moved by that ns-2 movement trace instead (ns-3's Ns2MobilityHelper; the
 * trace's node i is the i-th UE over all Attach calls, in Attach order; Mobility,
 * RoamingDistance and UeSpeed are then unused). After a handover (LteUeRrc's
 * HandoverEndOk) the UE's home is the new eNB's cloudlet: HomeChanged fires, and
 * MecPfmRunner sends the user's next requests there.
 *
 * ns-3's own attributes pass through: Bandwidth (the eNBs' UlBandwidth and DlBandwidth,
 * in resource blocks), Scheduler (LteHelper's Scheduler), PathlossModel (LteHelper's
 * PathlossModel). One ns-3 default is set, at the first Attach, because ns-3 creates
 * these objects only at run time: LteRlcUm::MaxTxBufferSize (RlcBufferBytes; ns-3's 10 kB
 * would drop most IP fragments of a 64 kB TCP segment, and one lost fragment loses the
 * segment). The UEs' LTE MTU is UeMtu. The eNBs' SrsPeriodicity is raised to fit every UE of the
 * run on one eNB (at most 320 UEs).
 *
 * Built only where ns-3's lte module is (its own small library, mec-pfm-lte-access: the
 * module's library does not depend on lte).
 */
class LteAccessNetwork : public AccessNetwork
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    LteAccessNetwork();
    ~LteAccessNetwork() override;
    Ipv4Address Attach(Ptr<Node> cloudlet, NodeContainer users) override;
    /**
     * \return 10.64.0.0: PointToPointEpcHelper gives its S1-U links 10.0.0.0/30 and on
     */
    Ipv4Address GetBackhaulNetwork() const override;

    /**
     * \param rbs a bandwidth in resource blocks
     * \return "" if LTE has it (6, 15, 25, 50, 75, 100), else why not
     */
    static std::string CheckBandwidth(uint32_t rbs);
    /**
     * \brief Check an ns-2 movement trace before Ns2MobilityHelper reads it (it skips
     * what it cannot read without a word, and leaves a node it is not told about without
     * a mobility model): the file opens; every non-blank line, comments ('#' to the end of
     * the line) aside, is one of "$node_(i) set X_|Y_|Z_ v", "$ns_ at t \"$node_(i) set
     * X_|Y_|Z_ v\"" and "$ns_ at t \"$node_(i) setdest x y speed\"" with numbers (t and
     * speed not negative); and nodes 0 to nUes - 1 each have an initial X_ and Y_.
     * \param file the trace
     * \param nUes the UEs it must place
     * \return "" if so, else "FILE[:LINE]: why"
     */
    static std::string CheckMobilityTrace(const std::string& file, uint32_t nUes);
    /** \return the LTE helper (after the first Attach) */
    Ptr<LteHelper> GetLteHelper() const;
    /** \return the EPC helper (after the first Attach) */
    Ptr<PointToPointEpcHelper> GetEpcHelper() const;
    /** \return the eNB nodes, one per Attach */
    NodeContainer GetEnbNodes() const;
    /** \return the eNB devices, one per Attach */
    NetDeviceContainer GetEnbDevices() const;
    /** \return the UE nodes (the users), in Attach order */
    NodeContainer GetUeNodes() const;
    /** \return the UE devices, in Attach order */
    NetDeviceContainer GetUeDevices() const;
    /** \param ue a UE's index in GetUeNodes() \return its serving cloudlet now */
    Ptr<Node> GetServingCloudlet(uint32_t ue) const;
    /** \return RRC connections established (one per UE once attached) */
    uint32_t GetNConnections() const;
    /** \return time of the last RRC connection established (-1 s if none) */
    Time GetLastConnection() const;
    /** \return handovers started */
    uint32_t GetNHandoverStarts() const;
    /** \return handovers completed (HandoverEndOk) */
    uint32_t GetNHandovers() const;
    /** \return handovers failed (HandoverEndError) */
    uint32_t GetNHandoverFailures() const;
    /**
     * \brief Write pcap files of the SGW's point-to-point devices (S1-U toward each eNB,
     * S5 and S11) and of the SGi links (PGW and cloudlet sides), headers only (128 bytes a
     * packet), named PREFIX-NODE-DEVICE.pcap.
     * \param prefix file prefix (directory and name start)
     */
    void EnablePcap(const std::string& prefix) const;

    /// TracedCallback signature of LteUeRrc's HandoverEndOk, bound to a UE index.
    typedef void (*UeCellCallback)(uint64_t imsi, uint16_t cellId, uint16_t rnti);

  protected:
    void DoDispose() override;

  private:
    /// What an Attach built for one cloudlet.
    struct Site
    {
        Ptr<Node> cloudlet;     //!< the cloudlet node
        Ipv4Address address;    //!< its SGi address
        Ptr<Node> enb;          //!< its eNB node
        Ptr<NetDevice> enbDev;  //!< its eNB device
        Vector position;        //!< the eNB's position
        NetDeviceContainer sgi; //!< SGi devices (PGW side, cloudlet side)
    };

    /// The LTE and EPC helpers, at the first Attach.
    void Setup();
    /**
     * \brief The cloudlet's eNB: placed, installed, X2 to every earlier eNB.
     * \param site filled with the eNB's node, device and position
     */
    void AddEnb(Site& site);
    /**
     * \brief The SGi link between the PGW and the cloudlet, and the cloudlet's route to
     * the UEs through it.
     * \param site filled with the cloudlet's SGi address and devices
     */
    void ConnectSgi(Site& site);
    /**
     * \param users UEs to place (and move, with Mobility) around this eNB position
     * \param at the eNB's position
     * \param stream first random stream
     */
    void PlaceUes(NodeContainer users, const Vector& at, int64_t stream) const;
    /**
     * \brief Place and move the UEs of this Attach by MobilityTrace: trace nodes
     * GetUeNodes().GetN() and on are these users.
     * \param users the UEs of this Attach
     */
    void PlaceUesByTrace(NodeContainer users) const;
    /**
     * \brief UE devices, addresses, default routes, attachment and traces.
     * \param users the UEs
     * \param site their first site
     * \param stream first random stream
     */
    void InstallUes(NodeContainer users, const Site& site, int64_t stream);
    /// Raise every eNB's SrsPeriodicity to fit all UEs on one eNB.
    void FitSrsPeriodicity();
    /**
     * \brief LteUeRrc's HandoverEndOk of one UE (bindable).
     * \param net this
     * \param ue the UE's index
     * \param imsi its IMSI
     * \param cellId the new cell
     * \param rnti its RNTI there
     */
    static void HandoverEndOkOf(LteAccessNetwork* net,
                                uint32_t ue,
                                uint64_t imsi,
                                uint16_t cellId,
                                uint16_t rnti);
    /** \param imsi a UE \param cellId its cell \param rnti its RNTI */
    void NotifyConnected(uint64_t imsi, uint16_t cellId, uint16_t rnti);
    /** \param imsi a UE \param cellId its cell \param rnti its RNTI \param target target */
    void NotifyHandoverStart(uint64_t imsi, uint16_t cellId, uint16_t rnti, uint16_t target);
    /** \param imsi a UE \param cellId its cell \param rnti its RNTI */
    void NotifyHandoverError(uint64_t imsi, uint16_t cellId, uint16_t rnti);

    uint32_t m_bandwidth;             //!< resource blocks
    std::string m_scheduler;          //!< scheduler TypeId
    std::string m_pathloss;           //!< path-loss model TypeId
    std::string m_handover;           //!< handover algorithm TypeId
    double m_isd;                     //!< inter-site distance, m
    uint32_t m_gridWidth;             //!< eNBs a row
    bool m_mobility;                  //!< UEs move
    double m_roaming;                 //!< waypoint square half-width, m (0: InterSiteDistance)
    double m_speed;                   //!< UE speed, m/s
    std::string m_trace;              //!< ns-2 movement trace ("": none)
    uint32_t m_rlcBuffer;             //!< RLC UM buffer, bytes
    uint16_t m_ueMtu;                 //!< UE LTE MTU
    DataRate m_sgiRate;               //!< SGi rate
    Time m_sgiDelay;                  //!< SGi delay
    uint16_t m_sgiMtu;                //!< SGi MTU
    Ipv4Address m_sgiNetwork;         //!< first SGi /30
    int64_t m_stream;                 //!< first random stream
    Ptr<LteHelper> m_lte;             //!< LTE helper
    Ptr<PointToPointEpcHelper> m_epc; //!< EPC helper
    Ipv4AddressHelper m_sgiIpv4;      //!< SGi addresses
    std::vector<Site> m_sites;        //!< by Attach
    std::map<uint16_t, uint32_t> m_siteOfCell; //!< site index by cell id
    NodeContainer m_ues;                       //!< UEs
    NetDeviceContainer m_ueDevs;               //!< UE devices
    std::vector<uint32_t> m_serving;           //!< serving site by UE
    uint32_t m_nConnected;                     //!< RRC connections
    Time m_lastConnected;                      //!< last RRC connection
    uint32_t m_nHoStart;                       //!< handovers started
    uint32_t m_nHoOk;                          //!< handovers completed
    uint32_t m_nHoError;                       //!< handovers failed
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_LTE_ACCESS_NETWORK_H */
