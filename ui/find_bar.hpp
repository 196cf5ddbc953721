// The bar Ctrl+F opens above the packet list (Wireshark's Find Packet): find
// the next displayed frame after the selection that matches a display
// filter, has a string in its Info column, or carries some bytes. File
// searches run on a worker thread (progress in the bar, Esc or Cancel stops
// them); the Info search reads the packet index only.
#pragma once

#include <QPointer>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ms::ui {

class BackgroundJob;
class PacketListModel;

class FindBar : public QWidget {
    Q_OBJECT
public:
    enum Mode { DisplayFilter, InfoString, Bytes };

    // `current_row`: the selected displayed row (-1 = none); `path`: the
    // open capture file.
    FindBar(PacketListModel* model, std::function<int()> current_row, std::function<QString()> path,
            QWidget* parent = nullptr);
    ~FindBar() override;

    void setMode(Mode m);
    void setText(const QString& text);
    // Opens the bar and focuses the text.
    void activate();
    QString status() const;
    bool busy() const { return job_ != nullptr; }

public slots:
    void find();
    void cancel();

signals:
    void found(int displayed_row);
    // After every search, found or not (tests wait on it).
    void finished();

private:
    void report(const QString& text);
    void pickFrom(const std::vector<uint64_t>& frames);

    PacketListModel* model_;
    std::function<int()> current_row_;
    std::function<QString()> path_;
    QComboBox* mode_;
    QLineEdit* text_;
    QPushButton* find_;
    QPushButton* cancel_;
    QLabel* status_;
    QPointer<BackgroundJob> job_;
};

}  // namespace ms::ui
