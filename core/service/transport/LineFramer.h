// Cuts a byte stream into '\n'-terminated lines with a bound on their length, so that a peer
// that never sends a newline cannot make us buffer without limit. Used by both ends of the
// control socket.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace s1 {

class LineFramer
{
public:
    // `maxLineBytes`: the longest line accepted, its '\n' not counted.
    explicit LineFramer(qsizetype maxLineBytes);

    void append(QByteArrayView bytes);
    // The next complete line without its '\n' (and without a '\r' before it); nothing when no
    // complete line is buffered or the stream has overflowed.
    std::optional<QByteArray> next();
    // A line (complete or still growing) is longer than the limit; the framer stays in this
    // state: the stream has lost its framing and the connection should be closed.
    bool overflowed() const { return m_overflowed; }
    qsizetype buffered() const { return m_buffer.size(); }

private:
    qsizetype m_maxLineBytes;
    QByteArray m_buffer;
    bool m_overflowed = false;
};

} // namespace s1
