/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_WIFI_ACCESS_NETWORK_H
#define MEC_PFM_WIFI_ACCESS_NETWORK_H

#include "ns3/access-network.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/mac48-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/yans-wifi-channel.h"
#include "ns3/yans-wifi-helper.h"

#include <map>
#include <string>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Wi-Fi access: one BSS per cloudlet, the cloudlet node is its access point.
 *
 * Attach() gives the cloudlet an ApWifiMac device and every user a StaWifiMac device on a
 * YansWifiChannel of this BSS alone (separate channel objects: no interference between
 * BSSs, whatever their channel numbers), with constant-position mobility (access point at
 * the cloudlet's position or the origin, stations on a circle of radius Distance around
 * it), SSID "mec-pfm-<k>" and the subnet Network + k (/24) for the k-th BSS. The access
 * point's address is .1, the stations' .2 and up. The users' default route points at the
 * access point; the cloudlet reaches the users through the connected /24 route that IPv4
 * adds with the address (the same as PointToPointAccessNetwork, which adds no route
 * either). The users' internet stack must be installed before Attach(), as the runner does.
 *
 * Built only where ns-3's wifi and mobility modules are (a small library of its own,
 * mec-pfm-wifi-access: the module's library does not depend on wifi).
 */
class WifiAccessNetwork : public AccessNetwork
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    WifiAccessNetwork();
    Ipv4Address Attach(Ptr<Node> cloudlet, NodeContainer users) override;

    /**
     * \param standard "ax", "ac" or "n"
     * \param mcs MCS index (one spatial stream)
     * \param widthMhz channel width in MHz
     * \return "" if the combination is valid, else why not
     */
    static std::string Check(const std::string& standard, uint32_t mcs, uint32_t widthMhz);
    /** \return the WifiMode name of the data rate, e.g. "HeMcs7" */
    std::string GetModeName() const;
    /** \return BSSs built */
    uint32_t GetNBss() const;
    /** \return stations attached */
    uint32_t GetNStations() const;
    /** \return association events seen so far */
    uint32_t GetNAssociations() const;
    /** \return de-association events seen so far */
    uint32_t GetNDeassociations() const;
    /** \return time of the last association (-1 s if none) */
    Time GetLastAssociation() const;

  private:
    /** \param ap the access point's MAC address */
    void NotifyAssoc(Mac48Address ap);
    /** \param ap the access point's MAC address */
    void NotifyDeAssoc(Mac48Address ap);
    /** \param channel fill the ARP caches of the devices on it */
    static void PopulateArp(Ptr<YansWifiChannel> channel);
    /**
     * \brief The access point's and the stations' Wi-Fi devices, on the BSS's channel.
     * \param phy the PHY helper on the BSS's channel
     * \param cloudlet the access point's node
     * \param users the stations' nodes
     * \param k the BSS's number
     * \param stream first random stream of the devices (minus one)
     * \param ap set to the access point's device
     * \param sta set to the stations' devices
     */
    void InstallDevices(YansWifiPhyHelper& phy,
                        Ptr<Node> cloudlet,
                        NodeContainer users,
                        uint32_t k,
                        int64_t stream,
                        NetDeviceContainer& ap,
                        NetDeviceContainer& sta);
    /**
     * \param cloudlet the access point's node (placed at the origin if it has no position)
     * \param users the stations, placed on a circle of radius Distance around it
     */
    void PlaceNodes(Ptr<Node> cloudlet, NodeContainer users) const;
    /**
     * \brief Addresses of the BSS's /24 and the users' default routes.
     * \param ap the access point's device
     * \param sta the stations' devices
     * \param users the stations' nodes
     * \return the access point's address
     */
    Ipv4Address AssignAddresses(NetDeviceContainer ap, NetDeviceContainer sta, NodeContainer users);

    std::string m_standard;   //!< "ax", "ac" or "n"
    uint32_t m_mcs;           //!< MCS index
    bool m_idealRate;         //!< IdealWifiManager instead of the constant MCS
    uint32_t m_width;         //!< channel width, MHz
    bool m_shortGi;           //!< shortest guard interval (HE 800 ns, HT/VHT 400 ns)
    double m_distance;        //!< station distance to the access point, m
    Ipv4Address m_network;    //!< first /24
    std::string m_pcapPrefix; //!< "" = no pcap
    bool m_staticArp;         //!< fill the ARP caches at set-up
    int64_t m_stream;         //!< first random stream of the wifi objects
    Ipv4AddressHelper m_ipv4; //!< addresses
    bool m_ipv4Init;          //!< base set
    uint32_t m_nBss;          //!< BSSs built
    uint32_t m_nSta;          //!< stations attached
    uint32_t m_nAssoc;        //!< association events
    uint32_t m_nDeassoc;      //!< de-association events
    Time m_lastAssoc;         //!< last association
    std::map<Mac48Address, Ptr<YansWifiChannel>> m_channelOfAp; //!< per access point
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_WIFI_ACCESS_NETWORK_H */
