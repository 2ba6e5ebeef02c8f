/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MEC_PFM_APPLICATION_H
#define MEC_PFM_MEC_PFM_APPLICATION_H

#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <cstdint>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Base of the module's applications: the TCP settings of the sockets they create.
 *
 * The settings are applied to each socket the application creates (and, through its
 * listening sockets, to the connections they accept), not to ns-3's defaults: a program
 * that uses the module keeps its own TCP defaults for its other sockets. A setting left
 * at 0 keeps the socket's default (ns3::TcpSocket's attribute).
 *
 * Connections and their endpoints. The module opens one connection per request (and per
 * forwarded request, and per pull), and both ends close it once the response is through:
 * the server closes after writing its response (its FIN rides on the last data segment),
 * the client when it has read it. Both then hold the connection in TIME_WAIT for twice
 * TcpMaxSegLifetime before ns-3 frees its endpoint. Endpoints must be freed: ns-3 looks
 * a free ephemeral port up by scanning every endpoint of the node, and every received
 * segment's endpoint too (Ipv4EndPointDemux), so with connections never released wall
 * time grew with the square of the requests of a user node (2,000 requests 5.0 s, 4,000
 * 21 s, 8,000 114 s on a loaded 2-core machine, ./mec-pfm bench scale) and a user node
 * ran out of its 16,384 ephemeral ports. ns-3's 120 s MSL would keep about 240 s of
 * connections per node; 1 s keeps 2 s.
 */
class MecPfmApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    MecPfmApplication();
    ~MecPfmApplication() override;

  protected:
    /**
     * \brief A TCP socket on this application's node with its TCP settings applied.
     * \return the socket (not bound)
     */
    Ptr<Socket> CreateTcpSocket();

  private:
    uint32_t m_segmentSize; //!< TCP segment size (0: socket default)
    uint32_t m_delAckCount; //!< TCP delayed-ACK count (0: socket default)
    Time m_msl;             //!< TCP maximum segment lifetime (0: socket default)
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MEC_PFM_APPLICATION_H */
