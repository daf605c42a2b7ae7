#include "DeferredIndexes.h"

#include "Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace footfall {

DeferredIndexes::DeferredIndexes(const QSqlDatabase& connection, const QStringList& indexNames)
    : m_connection(connection)
    , m_names(indexNames)
{}

void DeferredIndexes::drop()
{
    if (isDropped())
        return;
    QSqlQuery definition =
        Database::prepareOn(m_connection, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                                         "AND name = ? AND sql IS NOT NULL"));
    QList<QPair<QString, QString>> found;
    for (const QString& name : m_names) {
        definition.addBindValue(name);
        Database::execute(definition);
        if (Database::nextRow(definition))
            found.append({name, definition.value(0).toString()});
        definition.finish();
    }
    for (const auto& [name, sql] : found) {
        // Index names come from our own schema, never from input.
        QSqlQuery dropIndex =
            Database::prepareOn(m_connection, QStringLiteral("DROP INDEX \"%1\"").arg(name));
        Database::execute(dropIndex);
    }
    m_dropped = found;
}

void DeferredIndexes::restore()
{
    for (const auto& [name, sql] : std::as_const(m_dropped)) {
        QSqlQuery create = Database::prepareOn(m_connection, sql);
        Database::execute(create);
    }
    m_dropped.clear();
}

} // namespace footfall
