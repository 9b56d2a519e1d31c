#include "transport/LineFramer.h"

namespace s1 {

LineFramer::LineFramer(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes)
{ }

void LineFramer::append(QByteArrayView bytes)
{
    if (m_overflowed)
        return;
    m_buffer.append(bytes);
    // Without a newline in sight, the partial line must stay within the limit.
    const qsizetype newline = m_buffer.indexOf('\n');
    if (newline < 0 && m_buffer.size() > m_maxLineBytes)
        m_overflowed = true;
}

std::optional<QByteArray> LineFramer::next()
{
    if (m_overflowed)
        return std::nullopt;
    const qsizetype newline = m_buffer.indexOf('\n');
    if (newline < 0) {
        if (m_buffer.size() > m_maxLineBytes)
            m_overflowed = true;
        return std::nullopt;
    }
    if (newline > m_maxLineBytes) {
        m_overflowed = true;
        return std::nullopt;
    }
    QByteArray line = m_buffer.left(newline);
    m_buffer.remove(0, newline + 1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace s1
