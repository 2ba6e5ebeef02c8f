/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_PFM_STREAM_H
#define MEC_PFM_PFM_STREAM_H

#include "ns3/callback.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <cstdint>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Writes one message (a header packet, then N payload bytes) into a TCP socket,
 * chunk by chunk as the socket's send buffer frees up (the socket's send callback drives
 * it). Payload bytes are ns-3 zero-filled virtual bytes: no gigabyte is ever allocated.
 */
class PfmStreamWriter : public SimpleRefCount<PfmStreamWriter>
{
  public:
    /**
     * \param socket a connected socket
     * \param head the header packet (may be null: payload only)
     * \param payloadBytes bytes after the header
     * \param done called once everything is in the socket's send buffer (may be null)
     */
    PfmStreamWriter(Ptr<Socket> socket,
                    Ptr<Packet> head,
                    uint64_t payloadBytes,
                    Callback<void> done);
    /** Start writing (installs the socket's send callback). */
    void Start();
    /** \return payload bytes not yet written */
    uint64_t GetRemaining() const;

  private:
    /**
     * \param s socket
     * \param avail bytes free in its send buffer
     */
    void OnSendSpace(Ptr<Socket> s, uint32_t avail);
    Ptr<Socket> m_socket;  //!< socket
    Ptr<Packet> m_head;    //!< header still to write (null once written)
    uint64_t m_left;       //!< payload bytes left
    Callback<void> m_done; //!< completion callback
    bool m_finished;       //!< done already reported
    uint64_t m_written;    //!< bytes written so far, header included
    uint32_t m_segment;    //!< TCP segment size (0: writes are not cut at segments)
};

/**
 * \ingroup mec-pfm
 * \brief Reads one message (a fixed-size header, then payload bytes whose number the
 * header gives) from a TCP byte stream that arrives in arbitrary pieces.
 */
class PfmStreamReader
{
  public:
    /** \param headerSize serialized size of the expected header */
    explicit PfmStreamReader(uint32_t headerSize = 0);
    /**
     * \brief Feed received bytes.
     * \param p a received packet
     */
    void Feed(Ptr<Packet> p);
    /** \return true once enough bytes for the header were fed and it was not yet taken */
    bool HeaderReady() const;

    /**
     * \brief Remove the header from the stream.
     * \param h the header to deserialize into
     */
    template <typename H>
    void TakeHeader(H& h)
    {
        m_buf->RemoveHeader(h);
        m_haveHeader = true;
        m_payloadGot += m_buf->GetSize();
        m_buf = nullptr;
    }

    /** \param bytes payload bytes expected after the header */
    void SetExpectedPayload(uint64_t bytes);
    /** \return true once the header was taken and the whole payload was fed */
    bool Complete() const;
    /** \return payload bytes received so far */
    uint64_t GetPayloadReceived() const;

  private:
    uint32_t m_headerSize;    //!< header size
    Ptr<Packet> m_buf;        //!< bytes before the header was taken
    bool m_haveHeader;        //!< header taken
    uint64_t m_payloadGot;    //!< payload bytes received
    uint64_t m_payloadExpect; //!< payload bytes expected
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_PFM_STREAM_H */
