/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MESSAGE_CHANNEL_H
#define MEC_PFM_MESSAGE_CHANNEL_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"
#include "ns3/socket.h"

#include <cstdint>
#include <deque>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief One TCP connection carrying messages: each message is an ns-3 Header of a fixed
 * serialized size followed by a number of payload bytes that the header gives, or payload
 * bytes alone.
 *
 * Sending: Send() queues a message; the channel writes it into the socket as its send
 * buffer frees up (the socket's send callback drives it), messages in order. Payload bytes
 * are ns-3 zero-filled virtual bytes (no gigabyte is ever allocated), written up to TCP
 * segment boundaries of the stream so that every full segment is cut from one application
 * packet: a segment spanning two packets makes ns-3 concatenate them into real bytes,
 * which every router on the path then copies (measured on GEANT: a third more wall time
 * than raw BulkSend transfers).
 *
 * Receiving: ExpectHeader() says that messages start with a header of a given size; once
 * its bytes are in, the header callback gets them as a packet (RemoveHeader them) and
 * returns how many payload bytes follow; once those are in too, the message callback
 * fires and the next message is expected. ExpectPayload() instead expects a bare payload
 * of a known size. Received bytes are read one TCP segment at a time: reading a whole
 * receive buffer makes ns-3 concatenate (and copy) payload on every read.
 *
 * A channel keeps itself alive while it has messages to write, so an owner may let go of
 * it right after Send(). Close() closes the socket once every queued message is in it
 * (TCP then sends its FIN with the last data segment). A channel that goes away detaches
 * itself from its socket.
 */
class MessageChannel : public SimpleRefCount<MessageChannel>
{
  public:
    /// Called with the channel: connected, connection failed, or closed by the peer.
    typedef Callback<void, Ptr<MessageChannel>> ChannelCallback;
    /// Called with the header bytes of a message; returns the payload bytes that follow.
    typedef Callback<uint64_t, Ptr<MessageChannel>, Ptr<Packet>> HeaderCallback;

    /**
     * \param socket a TCP socket: connected or accepted (connected = true), or one to
     *        Connect() through the channel
     * \param connected whether the socket is connected already
     */
    MessageChannel(Ptr<Socket> socket, bool connected);
    ~MessageChannel();

    /** \return the socket */
    Ptr<Socket> GetSocket() const;

    /**
     * \param connected called once the connection is established
     * \param failed called if it cannot be established
     */
    void SetConnectCallbacks(ChannelCallback connected, ChannelCallback failed);
    /**
     * \brief Connect the socket (messages sent before are queued until then).
     * \param remote where to
     */
    void Connect(const Address& remote);

    /**
     * \param header called with each message's header bytes (see ExpectHeader)
     * \param message called once a message is complete
     */
    void SetReceiveCallbacks(HeaderCallback header, ChannelCallback message);
    /** \param closed called when the peer closes the connection or it breaks */
    void SetCloseCallback(ChannelCallback closed);
    /** \param headerSize serialized size of the header each message starts with */
    void ExpectHeader(uint32_t headerSize);
    /** \param bytes the next message is this many payload bytes, without header */
    void ExpectPayload(uint64_t bytes);
    /**
     * \brief Consume received stream bytes (the socket's receive callback calls this).
     * \param p the bytes, in stream order
     */
    void Receive(Ptr<Packet> p);
    /** \return payload bytes of the message being received, so far */
    uint64_t GetPayloadReceived() const;

    /**
     * \brief Queue a message.
     * \param header the serialized header (null: payload only)
     * \param payloadBytes virtual payload bytes after it
     */
    void Send(Ptr<Packet> header, uint64_t payloadBytes);
    /** \return payload bytes of queued messages not yet in the socket */
    uint64_t GetPayloadQueued() const;
    /** Close the socket once every queued message is in it. */
    void Close();

  private:
    /// A message waiting to be written.
    struct Outgoing
    {
        Ptr<Packet> header; //!< still to write (null once written, or none)
        uint64_t left{0};   //!< payload bytes still to write
    };

    /// What the receiver expects next.
    enum class Expect
    {
        NOTHING, //!< no message announced
        HEADER,  //!< header bytes
        PAYLOAD  //!< payload bytes
    };

    void OnConnected(Ptr<Socket> s);
    void OnConnectFailed(Ptr<Socket> s);
    /**
     * \brief Report a connection that could not even be attempted (no route to the remote:
     * a fault left it unreachable) as a failed one, in an event of its own.
     * \param ch the channel (held by the event)
     */
    static void ConnectRefused(Ptr<MessageChannel> ch);
    void OnRecv(Ptr<Socket> s);
    void OnSendSpace(Ptr<Socket> s, uint32_t avail);
    void OnClosed(Ptr<Socket> s);
    /**
     * \brief Take header bytes from p.
     * \param p received bytes
     * \return the bytes of p after the header (null if none)
     */
    Ptr<Packet> TakeHeaderBytes(Ptr<Packet> p);
    /**
     * \brief Count payload bytes of p.
     * \param p received bytes
     * \return the bytes of p after the payload (null if none)
     */
    Ptr<Packet> TakePayloadBytes(Ptr<Packet> p);
    /** The message being received is complete. */
    void MessageDone();
    /** Write queued messages while the socket has room. */
    void Pump();
    /**
     * \brief Write the head of the queue as far as the socket takes it.
     * \return true if it was written completely
     */
    bool WriteFront();
    /** Close the socket now and stop reacting to it. */
    void DoClose();
    /** Remove every callback this channel installed on the socket. */
    void Detach();
    /** Keep the socket alive until the current event is over. */
    void KeepSocketAlive();
    /**
     * Keep the channel alive while it has data to write (m_self), and make sure that
     * reference is let go at Simulator::Destroy even if the write never ends (a run stopped
     * early, a connection a fault broke without ns-3's TCP reporting it): otherwise the
     * channel, its socket and the socket's node would never be freed.
     */
    void KeepSelf();
    /** Simulator::Destroy: let go of the channel's reference to itself. */
    void ReleaseAtDestroy();

    Ptr<Socket> m_socket;          //!< the connection
    bool m_connected;              //!< established
    bool m_connecting;             //!< Connect() called, not yet failed
    bool m_closing;                //!< Close() called
    bool m_closed;                 //!< socket closed
    uint32_t m_segment;            //!< TCP segment size (0: not a TCP socket)
    ChannelCallback m_connectedCb; //!< connected
    ChannelCallback m_failedCb;    //!< connection failed
    ChannelCallback m_closedCb;    //!< closed by the peer or broken
    HeaderCallback m_headerCb;     //!< header received
    ChannelCallback m_messageCb;   //!< message received
    Expect m_expect;               //!< what comes next
    uint32_t m_headerSize;         //!< header size of ExpectHeader (0: none)
    Ptr<Packet> m_headerBuf;       //!< header bytes so far
    uint64_t m_payloadLeft;        //!< payload bytes still expected
    uint64_t m_payloadGot;         //!< payload bytes of this message so far
    std::deque<Outgoing> m_out;    //!< messages to write
    uint64_t m_written;            //!< stream bytes written so far
    Ptr<MessageChannel> m_self;    //!< keeps the channel alive while it has data to write
    bool m_sendCallbackSet;        //!< the socket's send callback points here
    EventId m_destroyEvent;        //!< ReleaseAtDestroy, once KeepSelf was called
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MESSAGE_CHANNEL_H */
